/**
 * The sharded gateway end to end: the compiled bot with SHARD_COUNT runs discord.js's ShardingManager,
 * one process per shard, against a fake Discord that recommends two shards.
 */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shown } from "../helpers.js";
import type { BotProcess } from "../../testkit/bot-process.js";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
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
      expect(report.title).toBe("Content reloaded, but 1 shard(s) kept the old content");
      expect(report.fields?.find((field) => field.name === "Shards")?.value).toMatch(
        /^✅ shard 0: reloaded \(version [0-9a-f]{8}\)\n❌ shard 1: kept its old content \(1 problem\(s\)\)$/,
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
