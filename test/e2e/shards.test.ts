/**
 * The sharded gateway end to end: the compiled bot with SHARD_COUNT runs discord.js's ShardingManager,
 * one process per shard, against a fake Discord that recommends two shards; and with SHARDS (or
 * SHARDS_PER_POD), one process per machine, each running its own shards.
 */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shown } from "../helpers.js";
import type { BotProcess } from "../../testkit/bot-process.js";
import { setUpFake, startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { PERMISSIONS, type FakeDiscord } from "../../testkit/fake-discord.js";

const ALL_READY = "all shards ready";
const INJECTOR = path.join(import.meta.dirname, "inject-shard-fault.mjs");

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}
const embedOf = (body: unknown): Embed => shown(body) ?? {};

describe("sharded gateway", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let bot: BotProcess;
  let contentDir: string;

  beforeAll(async () => {
    const started = await startBotOnFake({
      // Two identify buckets: both shards may identify at once.
      discord: { shards: 2, maxConcurrency: 2, heartbeatIntervalMs: 1000 },
      env: { SHARD_COUNT: "2" },
      nodeArgs: ["--import", INJECTOR],
      readyMessage: ALL_READY,
    });
    ({ fake, bot, contentDir } = started);
    e2e = started;
  });

  afterAll(() => e2e?.stop());

  it("runs one process per shard, identifying as [0, 2] and [1, 2]; only shard 0 syncs the commands", async () => {
    expect(fake.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // The shards log on their own, each with its shard ids; the manager may report ready first.
    for (const shard of [0, 1])
      await bot.waitForLog((line) => line.msg === "connected to Discord" && (line.shard as number[])[0] === shard);
    expect(
      bot.logs
        .filter((line) => line.msg === "connected to Discord")
        .map((line) => line.shard)
        .sort(),
    ).toEqual([[0], [1]]);
    await bot.waitForLog((line) => line.msg === "commands synced");
    expect(bot.logs.filter((line) => line.msg === "commands synced").map((line) => line.shard)).toEqual([[0]]);
  });

  it("answers an interaction on either shard", async () => {
    for (const shard of [0, 1]) {
      const reply = await fake.sendInteraction(
        fake.interactionPayload({ kind: "command", name: "summary", options: { question: "1" } }),
        { shard },
      );
      expect(embedOf(reply.data).title).toBe("Question 1: Sam Altman的早期经历和投资");
      const line = await bot.waitForLog(
        (l) => l.msg === "interaction" && l.command === "summary" && (l.shard as number[])[0] === shard,
      );
      expect(line.outcome).toBe("ok");
    }
  });

  it("/reload reloads every shard and reports each one", async () => {
    await writeFile(
      path.join(contentDir, "extra.md"),
      "---\ntitle: Extra\n---\n### Question 1: Extra\n- **Transcript**\n**Guest:** 分片之间的一致性\n",
    );
    const payload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    expect(await fake.sendInteraction(payload, { shard: 1 })).toEqual({ type: 5, data: { flags: 64 } });
    const report = embedOf((await fake.waitForOriginalEdit(payload.id, 10_000)).body);
    expect(report.title).toBe("Content reloaded");
    expect(report.fields?.[0]?.name).toBe("Added (1)");
    const shards = report.fields?.find((field) => field.name === "Shards")?.value ?? "";
    expect(shards).toMatch(
      /^✅ shard 0: reloaded \(version [0-9a-f]{8}\)\n✅ shard 1: reloaded \(version [0-9a-f]{8}\)$/,
    );
    // Each shard process swapped in the new content: a /quote on shard 0 finds the new interview.
    const quote = await fake.sendInteraction(
      fake.interactionPayload({
        kind: "command",
        name: "quote",
        options: { keyword: "分片之间的一致性", interview: "extra" },
      }),
      { shard: 0 },
    );
    expect(embedOf(quote.data).description).toContain("**分片之间的一致性**");
  });

  it("a shard that fails to reload keeps its old content and is named in the reply", async () => {
    await writeFile(
      path.join(contentDir, "later.md"),
      "---\ntitle: Later\n---\n### Question 1: Later\n- **Transcript**\n**Guest:** 后来加入的句子\n",
    );
    await writeFile(path.join(contentDir, "FAIL_SHARD_1"), "");
    try {
      const payload = fake.interactionPayload({
        kind: "command",
        name: "reload",
        permissions: PERMISSIONS.manageGuild,
      });
      await fake.sendInteraction(payload, { shard: 0 });
      const report = embedOf((await fake.waitForOriginalEdit(payload.id, 10_000)).body);
      expect(report.title).toBe("Content reloaded, but 1 shard kept the old content");
      expect(report.fields?.find((field) => field.name === "Shards")?.value).toMatch(
        /^✅ shard 0: reloaded \(version [0-9a-f]{8}\)\n❌ shard 1: kept its old content \(1 problem\)$/,
      );
      const quoteOn = async (shard: number) => {
        const spec = {
          kind: "command",
          name: "quote",
          options: { keyword: "后来加入的句子", interview: "later" },
        } as const;
        const reply = await fake.sendInteraction(fake.interactionPayload(spec), { shard });
        return reply.data?.content ?? embedOf(reply.data).description ?? "";
      };
      expect(await quoteOn(0)).toContain("**后来加入的句子**");
      expect(await quoteOn(1)).toMatch(/^There is no interview called “later”/);
    } finally {
      await rm(path.join(contentDir, "FAIL_SHARD_1"));
    }
  });

  it("stops every shard on SIGTERM and exits 0", async () => {
    expect(await bot.stop()).toBe(0);
    // The manager and both shard processes (their last lines may still be in the pipe).
    await expect.poll(() => bot.logs.filter((line) => line.msg === "shutting down").length).toBe(3);
  });
});

describe("sharded gateway with SHARD_COUNT=auto", () => {
  it("asks GET /gateway/bot through DISCORD_API_URL for the shard count", async () => {
    const e2e = await startBotOnFake({
      discord: { shards: 2, maxConcurrency: 2 },
      content: "seed",
      guildCommands: false,
      env: { SHARD_COUNT: "auto" },
      readyMessage: ALL_READY,
    });
    const { fake, bot } = e2e;
    try {
      expect(bot.logs.find((line) => line.msg === "spawning shards")).toMatchObject({
        shardCount: 2,
        requested: "auto",
      });
      expect(fake.identifies.map((identify) => identify.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
    } finally {
      await e2e.stop();
    }
  });
});

describe("shards across machines: SHARDS (or SHARDS_PER_POD) with SHARD_COUNT", () => {
  // Two servers, one on each shard ((id >> 22) % 2).
  const onShard0 = String(300_000_000_000n << 22n);
  const onShard1 = String(300_000_000_001n << 22n);
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let machine0: BotProcess;
  let machine1: BotProcess;

  beforeAll(async () => {
    e2e = await setUpFake({
      discord: {
        shards: 2,
        maxConcurrency: 2,
        heartbeatIntervalMs: 1000,
        guilds: [{ id: onShard0 }, { id: onShard1 }],
      },
      guildCommands: false,
    });
    fake = e2e.fake;
    machine0 = await e2e.startBot({ env: { SHARDS: "0", SHARD_COUNT: "2" } });
    // As a StatefulSet's second pod runs it (deploy/kubernetes): the shard comes from the hostname's ordinal.
    machine1 = await e2e.startBot({
      env: { SHARDS_PER_POD: "1", HOSTNAME: "verbatim-gateway-1", SHARD_COUNT: "2" },
      readyMessage: "connected to Discord",
    });
  });

  afterAll(() => e2e?.stop());

  it("each process identifies with its own shard, sees its own server, and only shard 0's syncs the commands", () => {
    expect(fake.identifies.map((identify) => identify.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(machine0.logs.find((line) => line.msg === "connected to Discord")).toMatchObject({ shard: [0], guilds: 1 });
    expect(machine1.logs.find((line) => line.msg === "connected to Discord")).toMatchObject({ shard: [1], guilds: 1 });
    expect(machine1.logs.some((line) => line.msg === "commands synced")).toBe(false);
  });

  it("each process answers its own servers' interactions", async () => {
    for (const [guildId, machine, other] of [
      [onShard0, machine0, machine1],
      [onShard1, machine1, machine0],
    ] as const) {
      const payload = fake.interactionPayload({
        kind: "command",
        name: "summary",
        guildId,
        options: { question: "1" },
      });
      const reply = await fake.sendInteraction(payload);
      expect(embedOf(reply.data).title).toBe("Question 1: Sam Altman的早期经历和投资");
      expect(await machine.waitForLog((line) => line.msg === "interaction" && line.guild === guildId)).toMatchObject({
        outcome: "ok",
      });
      expect(other.logs.some((line) => line.msg === "interaction" && line.guild === guildId)).toBe(false);
    }
  });

  it("/reload reloads the process it reached; the other follows the shared folder", async () => {
    await writeFile(
      path.join(e2e.contentDir, "machines.md"),
      "---\ntitle: Machines\n---\n### Question 1: Machines\n- **Transcript**\n**Guest:** 两台机器共用一个文件夹\n",
    );
    const reload = fake.interactionPayload({
      kind: "command",
      name: "reload",
      guildId: onShard0,
      permissions: PERMISSIONS.manageGuild,
    });
    await fake.sendInteraction(reload);
    const report = embedOf((await fake.waitForOriginalEdit(reload.id, 10_000)).body);
    expect(report.title).toBe("Content reloaded");
    expect(report.fields?.[0]?.name).toBe("Added (1)");
    const quoteOnShard1 = async () => {
      const reply = await fake.sendInteraction(
        fake.interactionPayload({
          kind: "command",
          name: "quote",
          guildId: onShard1,
          options: { keyword: "两台机器共用一个文件夹", interview: "machines" },
        }),
      );
      return embedOf(reply.data).description ?? reply.data?.content ?? "";
    };
    await expect.poll(quoteOnShard1, { timeout: 8000, interval: 500 }).toContain("**两台机器共用一个文件夹**");
  });

  it("each stops on SIGTERM with exit 0", async () => {
    expect(await machine1.stop()).toBe(0);
    expect(await machine0.stop()).toBe(0);
  });
});
