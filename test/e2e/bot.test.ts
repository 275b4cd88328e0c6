/**
 * The bot end to end: the compiled bot as its own process, the real discord.js client, and a fake
 * Discord on 127.0.0.1 that records every request.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startBot, type BotProcess } from "../../testkit/bot-process.js";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import {
  PERMISSIONS,
  hasPings,
  type FakeDiscord,
  type InteractionCallback,
  type RecordedRequest,
} from "../../testkit/fake-discord.js";

const SEED_ID = "altman-all-in-2024-05";
const INJECTOR = path.join(import.meta.dirname, "inject-fault.mjs");
/** An interview besides the seed, whose one line holds mentions that must never ping. */
const EXTRA =
  "---\ntitle: Extra\n---\n### Question 1: Extra\n- **Transcript**\n**Guest:** 独一无二的测试句子 @everyone <@&1234567890123456789>\n";

function embedOf(
  callback: InteractionCallback,
): Record<string, unknown> & { title?: string; description?: string; footer?: { text: string } } {
  return callback.data?.embeds?.[0] ?? {};
}

// Each test sets up the content it needs and leaves the bot serving the seed content alone, so the
// tests pass in any order: the newest interview is the default one, and "extra" would take its place.
describe("the bot on a fake Discord", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let bot: BotProcess;
  /** Files the running test added to the content folder. */
  let added: string[] = [];

  beforeAll(async () => {
    const started = await startBotOnFake({ discord: { heartbeatIntervalMs: 1000 }, nodeArgs: ["--import", INJECTOR] });
    ({ fake, bot } = started);
    e2e = started;
  });

  afterAll(() => e2e?.stop());

  // Back to the seed content: the added files go, and a reload drops them if the bot had loaded them.
  afterEach(async () => {
    if (added.length === 0) return;
    for (const name of added) await rm(path.join(e2e.contentDir, name), { force: true });
    added = [];
    await moderatorReload();
  });

  const send = (spec: Parameters<FakeDiscord["interactionPayload"]>[0]) =>
    fake.sendInteraction(fake.interactionPayload(spec));

  async function addFile(name: string, text: string): Promise<void> {
    await writeFile(path.join(e2e.contentDir, name), text);
    added.push(name);
  }

  /** A /reload by a member with Manage Server; resolves with the edit that carries the report. */
  async function moderatorReload(): Promise<RecordedRequest> {
    const payload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    await fake.sendInteraction(payload);
    return fake.waitForOriginalEdit(payload.id);
  }

  it("registers its five commands in the configured server", () => {
    expect(
      fake
        .commands(fake.ids.guild)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["content", "questions", "quote", "reload", "stats", "summary"]);
    const puts = fake.requests.filter((r) => r.method === "PUT" && r.route?.includes("commands"));
    expect(puts).toHaveLength(1);
  });

  it("answers /questions, and its ▶ button updates the message to page 2", async () => {
    const reply = await send({ kind: "command", name: "questions" });
    expect(reply.type).toBe(4);
    expect(embedOf(reply).title).toBe("sam Altman五月访谈回顾");
    expect(reply.data?.allowed_mentions).toEqual({ parse: [] });
    const page2 = await send({ kind: "button", customId: `questions:2:${SEED_ID}` });
    expect(page2.type).toBe(7);
    expect(embedOf(page2).description).toContain("**11.** Sam Altman的个人经历和OpenAI的未来");
  });

  it("answers /summary and /quote, in the user's language", async () => {
    const summary = await send({ kind: "command", name: "summary", options: { question: "6" }, locale: "zh-TW" });
    expect(embedOf(summary).title).toBe("問題 6: GPT-5的发布时间和方式");
    const quote = await send({ kind: "command", name: "quote", options: { keyword: "董事會" } });
    expect(embedOf(quote).description).toContain("**董事会**");
  });

  it("offers autocomplete choices", async () => {
    const choices = await send({
      kind: "autocomplete",
      name: "quote",
      focused: "keyword",
      value: "dongshihui",
      options: { keyword: "dongshihui" },
    });
    expect(choices.type).toBe(8);
    expect(choices.data?.choices?.length).toBeGreaterThan(1);
    for (const choice of choices.data?.choices ?? []) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it("survives an exception inside a handler: a private error with a ref, and the next interaction is served", async () => {
    const failed = await send({ kind: "command", name: "quote", options: { keyword: "boom 💥" } });
    expect(failed.data?.flags).toBe(64);
    const ref = /\(ref ([0-9a-f]{8})\)/.exec(failed.data?.content ?? "")?.[1];
    expect(failed.data?.content).toMatch(/^Something went wrong on my side \(ref [0-9a-f]{8}\)/);
    const logged = await bot.waitForLog((line) => line.msg === "handler failed" && line.ref === ref);
    expect(logged).toMatchObject({ command: "quote", guild: fake.ids.guild });
    const next = await send({ kind: "command", name: "summary", options: { question: "1" } });
    expect(embedOf(next).title).toBe("Question 1: Sam Altman的早期经历和投资");
  });

  it("logs one line per interaction with command, user, guild, outcome and latency", async () => {
    await send({ kind: "command", name: "summary", options: { question: "1" } });
    const line = await bot.waitForLog((l) => l.msg === "interaction" && l.command === "summary");
    expect(line).toMatchObject({
      kind: "command",
      user: expect.any(String),
      guild: fake.ids.guild,
      outcome: "ok",
      latencyMs: expect.any(Number),
    });
  });

  it("refuses /reload to a member without permission, and leaves the content alone", async () => {
    await addFile("extra.md", EXTRA);
    const refused = await send({ kind: "command", name: "reload", permissions: PERMISSIONS.member });
    expect(refused.data?.content).toMatch(/^Only moderators can reload/);
    const quote = await send({
      kind: "command",
      name: "quote",
      options: { keyword: "独一无二的测试句子", interview: "extra" },
    });
    expect(quote.data?.content).toMatch(/^There is no interview called “extra”/);
  });

  it("reloads for a moderator: deferred, then the report, and the change appears in the next /quote without pinging anyone", async () => {
    await addFile("extra.md", EXTRA);
    const payload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    const deferred = await fake.sendInteraction(payload);
    expect(deferred).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitForOriginalEdit(payload.id);
    const report = (edit.body as { embeds: { title: string; fields: { name: string; value: string }[] }[] }).embeds[0];
    expect(report?.title).toBe("Content reloaded");
    expect(report?.fields[0]?.name).toBe("Added (1)");
    const quote = await send({
      kind: "command",
      name: "quote",
      options: { keyword: "独一无二的测试句子", interview: "extra" },
    });
    expect(embedOf(quote).description).toContain("**独一无二的测试句子**");
    // The new interview's line, mentions and all, through the other commands too: none may ping either.
    await send({ kind: "command", name: "quote", options: { keyword: "everyone", interview: "extra" } });
    await send({ kind: "command", name: "quote", options: { keyword: "测试句子", interview: "extra" } });
    await send({ kind: "command", name: "summary", options: { question: "1", interview: "extra" } });
    await send({ kind: "command", name: "questions", options: { interview: "extra" } });
    const messages = fake.requests.filter((r) => r.pings !== undefined);
    expect(messages.length).toBeGreaterThan(5);
    for (const request of messages) expect(hasPings(request.pings), `${request.method} ${request.path}`).toBe(false);
  });

  it("keeps serving the old content when a reload finds a broken file, and lists the error", async () => {
    await addFile("extra.md", EXTRA);
    await moderatorReload();
    await addFile("broken.md", "---\ntitle: [oops\n---\n");
    const payload = fake.interactionPayload({
      kind: "command",
      name: "reload",
      roles: [fake.ids.role("Moderator")],
      permissions: PERMISSIONS.administrator,
    });
    await fake.sendInteraction(payload);
    const edit = await fake.waitForOriginalEdit(payload.id);
    const report = (edit.body as { embeds: { title: string; description: string }[] }).embeds[0];
    expect(report?.title).toBe("Reload failed: nothing was changed");
    expect(report?.description).toContain("broken.md:3");
    const quote = await send({
      kind: "command",
      name: "quote",
      options: { keyword: "独一无二的测试句子", interview: "extra" },
    });
    expect(embedOf(quote).description).toContain("独一无二的测试句子");
  });

  it("reconnects when the gateway drops the socket, and answers the next interaction", async () => {
    const connectionsBefore = fake.connections.length;
    fake.terminateShard(0);
    await fake.waitForGateway(
      (entry) =>
        entry.direction === "in" && (entry.op === 6 || entry.op === 2) && entry.connectionId > connectionsBefore,
      15_000,
    );
    const reply = await send({ kind: "command", name: "summary", options: { question: "2", interview: SEED_ID } });
    expect(embedOf(reply).title).toBe("Question 2: OpenAI的回报率和Sam Altman的职位变动");
  });

  it("does not PUT the commands again when a restart finds them unchanged, and exits 0 on SIGTERM", async () => {
    expect(await bot.stop()).toBe(0);
    bot = await e2e.startBot();
    const synced = await bot.waitForLog((line) => line.msg === "commands synced");
    expect(synced.result).toBe("unchanged");
    expect(fake.requests.filter((r) => r.method === "PUT" && r.route?.includes("commands"))).toHaveLength(1);
  });
});

describe("start-up failures", () => {
  it("a missing DISCORD_TOKEN exits 1 with one clear line", async () => {
    const bot = await startBot({ env: { DISCORD_TOKEN: undefined }, readyMessage: null });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join("\n")).toBe(
      "Verbatim cannot start: DISCORD_TOKEN is missing: set it to your bot's token from the Discord developer portal — see .env.example (copy it to .env), or try the bot offline with `npm run cli -- questions`.",
    );
  });

  it("a malformed setting is named", async () => {
    const bot = await startBot({ env: { LOG_LEVEL: "loud" }, readyMessage: null });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join("\n")).toMatch(
      /^Verbatim cannot start: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "loud"\)/,
    );
  });

  it("a content folder with no valid interview exits 1 and says why", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "verbatim-empty-"));
    const bot = await startBot({
      env: { CONTENT_DIR: empty, DISCORD_API_URL: "http://127.0.0.1:9/api" },
      readyMessage: null,
    });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join("\n")).toMatch(/^Verbatim cannot start: no valid interview in .*verbatim-empty-/);
    await rm(empty, { recursive: true, force: true });
  });
});
