/**
 * HTTP interactions mode end to end: two compiled bot replicas (MODE=http) on one content folder,
 * signed requests as Discord sends them, and the fake Discord receiving the webhook edits.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shown } from "../helpers.js";
import { InteractionSigner, post, type HttpAnswer } from "../../testkit/signer.js";
import { startBot, type BotProcess } from "../../testkit/bot-process.js";
import { setUpFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import {
  PERMISSIONS,
  type FakeDiscord,
  type InteractionPayload,
  type InteractionSpec,
} from "../../testkit/fake-discord.js";

const SEED_ID = "altman-all-in-2024-05";
const LISTENING = "listening for interactions";
const NEW_SENTENCE = "复制品之间的一致性测试";

interface Replica {
  readonly bot: BotProcess;
  readonly base: string;
}

interface Reply {
  type: number;
  data?: {
    flags?: number;
    content?: string;
    choices?: unknown[];
    embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  };
}

describe("HTTP interactions mode", () => {
  const signer = new InteractionSigner();
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let contentDir: string;
  let replicaA: Replica;
  let replicaB: Replica;

  async function startReplica(env: Record<string, string | undefined>): Promise<Replica> {
    const bot = await e2e.startBot({ env, readyMessage: LISTENING });
    const listening = await bot.waitForLog((line) => line.msg === LISTENING);
    return { bot, base: `http://127.0.0.1:${String(listening.port)}` };
  }

  beforeAll(async () => {
    e2e = await setUpFake({ env: { MODE: "http", PORT: "0", DISCORD_PUBLIC_KEY: signer.publicKeyHex } });
    ({ fake, contentDir } = e2e);
    // A syncs the commands with its token; B runs without one, as HTTP mode allows.
    replicaA = await startReplica({});
    await replicaA.bot.waitForLog((line) => line.msg === "commands synced");
    replicaB = await startReplica({ DISCORD_TOKEN: undefined });
  });

  afterAll(() => e2e?.stop());

  /** Signs and posts a payload to a replica; the reply is recorded on the fake as Discord would take it. */
  async function send(replica: Replica, payload: InteractionPayload): Promise<HttpAnswer & { body: Reply }> {
    const body = JSON.stringify(payload);
    const answer = await post(`${replica.base}/interactions`, body, { headers: signer.headers(body) });
    if (answer.status === 200)
      expect(fake.recordHttpCallback(payload, answer.body), "the fake refused the reply").toEqual([]);
    return answer as HttpAnswer & { body: Reply };
  }
  const ask = async (replica: Replica, spec: InteractionSpec): Promise<Reply> => {
    const answer = await send(replica, fake.interactionPayload(spec));
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it("syncs the commands when it has a token, and says why not when it has none", async () => {
    expect(
      fake
        .commands(fake.ids.guild)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["Find in transcript", "content", "questions", "quote", "reload", "stats", "summary"]);
    await replicaB.bot.waitForLog((line) => typeof line.msg === "string" && line.msg.startsWith("no DISCORD_TOKEN"));
  });

  it("answers PING with PONG", async () => {
    const body = JSON.stringify({ type: 1, id: "1", application_id: fake.ids.application, token: "t", version: 1 });
    expect(await post(`${replicaA.base}/interactions`, body, { headers: signer.headers(body) })).toEqual({
      status: 200,
      body: { type: 1 },
    });
  });

  it("answers every command in the HTTP response: /questions and its button, /summary, /quote, autocomplete", async () => {
    const questions = await ask(replicaA, { kind: "command", name: "questions" });
    expect(questions.type).toBe(4);
    expect(questions.data?.embeds?.[0]?.title).toBe("sam Altman五月访谈回顾");
    const page2 = await ask(replicaB, { kind: "button", customId: `questions:2:${SEED_ID}` });
    expect(page2.type).toBe(7);
    expect(page2.data?.embeds?.[0]?.description).toContain("**11.** Sam Altman的个人经历和OpenAI的未来");
    const summary = await ask(replicaA, {
      kind: "command",
      name: "summary",
      options: { question: "6" },
      locale: "zh-TW",
    });
    expect(summary.data?.embeds?.[0]?.title).toBe("問題 6: GPT-5的发布时间和方式");
    const quote = await ask(replicaB, { kind: "command", name: "quote", options: { keyword: "董事會" } });
    expect(shown(quote.data)?.description).toContain("**董事会**");
    const choices = await ask(replicaA, {
      kind: "autocomplete",
      name: "quote",
      focused: "keyword",
      value: "dongshihui",
      options: { keyword: "dongshihui" },
    });
    expect(choices.type).toBe(8);
    expect(choices.data?.choices?.length).toBeGreaterThan(1);
    const refused = await ask(replicaA, { kind: "command", name: "reload", permissions: PERMISSIONS.member });
    expect(refused.data?.content).toMatch(/^Only moderators can reload/);
    // Each replica logs the interaction after answering.
    await replicaB.bot.waitForLog(
      (line) => line.msg === "interaction" && line.command === "quote" && line.outcome === "ok",
    );
    await replicaA.bot.waitForLog((line) => line.msg === "interaction" && line.command === "reload");
  });

  it("serves the web pages on the same port, beside /interactions and /healthz", async () => {
    const page = await fetch(`${replicaB.base}/interviews/${SEED_ID}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<li id="line-1">');
    expect((await fetch(`${replicaB.base}/healthz`)).headers.get("content-type")).toBe("application/json");
    expect((await fetch(`${replicaB.base}/no-such-page`)).status).toBe(404);
  });

  it("refuses unsigned, badly signed, stale, oversized and malformed requests, with no side effect", async () => {
    const requestsBefore = fake.requests.length;
    const interactionsBefore = replicaA.bot.logs.filter((line) => line.msg === "interaction").length;
    // A /reload a moderator would be allowed: had any of these got through, it would have reloaded.
    const body = JSON.stringify(
      fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild }),
    );
    const url = `${replicaA.base}/interactions`;
    const now = Math.floor(Date.now() / 1000);
    const huge = Buffer.alloc(1024 * 1024 + 1, " ");
    const answers = {
      unsigned: await post(url, body),
      foreignKey: await post(url, body, { headers: new InteractionSigner().headers(body) }),
      tampered: await post(url, body.replace("reload", "relode"), { headers: signer.headers(body) }),
      stale: await post(url, body, { headers: signer.headers(body, now - 6 * 60) }),
      future: await post(url, body, { headers: signer.headers(body, now + 10 * 60) }),
      oversized: await post(url, huge, { headers: signer.headers(huge) }),
      oversizedChunked: await post(url, huge, { headers: signer.headers(huge), chunked: true }),
      malformed: await post(url, '{"type":2,', { headers: signer.headers('{"type":2,') }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, answer.status]))).toEqual({
      unsigned: 401,
      foreignKey: 401,
      tampered: 401,
      stale: 401,
      future: 401,
      oversized: 413,
      oversizedChunked: 413,
      malformed: 400,
    });
    const refusals = await replicaA.bot.waitForLog(
      (line) => line.msg === "interaction request refused" && line.status === 400,
    );
    expect(refusals.reason).toBe("malformed JSON");
    expect(fake.requests.length).toBe(requestsBefore);
    expect(replicaA.bot.logs.filter((line) => line.msg === "interaction").length).toBe(interactionsBefore);
    expect(replicaA.bot.logs.some((line) => line.msg === "content reloaded")).toBe(false);
  });

  it("a deferred /reload finishes through the webhook edit, and the other replica follows on its own", async () => {
    await writeFile(
      path.join(contentDir, "extra.md"),
      `---\ntitle: Extra\n---\n### Question 1: Extra\n- **Transcript**\n**Guest:** ${NEW_SENTENCE}\n`,
    );
    // Discord takes the HTTP response as the acknowledgement; the fake learns of it from the test, so
    // hold the edit back a moment until the test has recorded the response.
    fake.queueFault({ kind: "delay", delayMs: 300, match: { method: "PATCH" } });
    const payload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    const deferred = await send(replicaA, payload);
    expect(deferred).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });
    const edit = await fake.waitForOriginalEdit(payload.id);
    const report = (edit.body as Reply["data"])?.embeds?.[0];
    expect(report?.title).toBe("Content reloaded");
    expect(report?.fields?.[0]?.name).toBe("Added (1)");
    expect(fake.interaction(payload.id)?.original?.embeds?.[0]).toMatchObject({ title: "Content reloaded" });

    // Replica B never saw the /reload: it notices the folder changed and reloads on its own.
    const quoteOnB = async () =>
      shown(
        (
          await ask(replicaB, {
            kind: "command",
            name: "quote",
            options: { keyword: NEW_SENTENCE, interview: "extra" },
          })
        ).data,
      )?.description ?? "";
    // It polls the folder every second and reloads a change that held still for one poll (src/serving/watch.ts):
    // about 2 s on a quiet machine. The deadline is wide so that a busy one does not fail a test of behaviour.
    await expect.poll(quoteOnB, { timeout: 15_000, interval: 200 }).toContain(`**${NEW_SENTENCE}**`);
    const versionOf = async (replica: Replica) =>
      ((await (await fetch(`${replica.base}/healthz`)).json()) as { content: { version: string } }).content.version;
    expect(await versionOf(replicaB)).toBe(await versionOf(replicaA));
    expect(replicaB.bot.logs.find((line) => line.msg === "content reloaded")).toMatchObject({
      trigger: "watch",
      added: 1,
    });
    // A already read this folder for its /reload: its own poll does not read it a second time.
    expect(replicaA.bot.logs.filter((line) => line.msg === "content reloaded").map((line) => line.trigger)).toEqual([
      undefined,
    ]);
  });

  it("refuses to start without a valid public key", async () => {
    const bot = await startBot({ env: { MODE: "http", DISCORD_PUBLIC_KEY: "abc" }, readyMessage: null });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join("\n")).toMatch(/^Verbatim cannot start: DISCORD_PUBLIC_KEY must be 64 hex characters/);
  });
});
