/**
 * Faults around the running bot: Discord's REST API failing, rate limiting and stalling; the gateway
 * reconnecting, invalidating the session and dropping the socket; the content folder changing under a
 * watching bot in every bad way. In each case the user is still answered, from the last good content,
 * and the operator is told what is wrong.
 */
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shown } from "../helpers.js";
import type { BotProcess, LogLine } from "../../testkit/bot-process.js";
import { startBotOnFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import { PERMISSIONS, type FakeDiscord, type InteractionSpec, type MessageData } from "../../testkit/fake-discord.js";

const SEED_ID = "altman-all-in-2024-05";
const CALLBACK = "/interactions/:id/:token/callback";
/** Discord's deadline for the first answer to an interaction. */
const DEADLINE_MS = 3000;

/** The first embed of a message (a callback's `data`, or an edit's body). */
function embedOf(message: MessageData | undefined): { title?: string; description?: string } {
  return shown(message) ?? {};
}

function extraInterview(version: string): string {
  return `---\ntitle: Extra interview\n---\n### Question 1: Extra\n- **Transcript**:\n\n**Guest:** 独一无二的测试句子 ${version}\n`;
}

describe("Discord failing: the bot recovers and answers", () => {
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let bot: BotProcess;

  beforeAll(async () => {
    const started = await startBotOnFake({ discord: { heartbeatIntervalMs: 1000, callbackDeadlineMs: DEADLINE_MS } });
    ({ fake, bot } = started);
    e2e = started;
  });

  afterAll(() => e2e?.stop());

  const summaryOf = (question: number): InteractionSpec => ({
    kind: "command",
    name: "summary",
    options: { question: String(question), interview: SEED_ID },
  });

  async function expectAnswered(question: number, timeoutMs = DEADLINE_MS): Promise<void> {
    const reply = await fake.sendInteraction(fake.interactionPayload(summaryOf(question)), { timeoutMs });
    expect(embedOf(reply.data).title).toMatch(new RegExp(`^Question ${question}: `));
  }

  /** What the bot attempted for one interaction's callback, in order: the statuses Discord gave. */
  const callbackStatuses = (interactionId: string): (number | undefined)[] =>
    fake.requests
      .filter((request) => request.interactionId === interactionId && request.route === CALLBACK)
      .map((request) => request.status);

  it("REST answers 500, then succeeds: the reply still arrives", async () => {
    const fault = fake.queueFault({ kind: "status", status: 500, match: { method: "POST", path: CALLBACK } });
    const payload = fake.interactionPayload(summaryOf(1));
    const reply = await fake.sendInteraction(payload, { timeoutMs: DEADLINE_MS });
    expect(embedOf(reply.data).title).toBe("Question 1: Sam Altman的早期经历和投资");
    expect(fault.hits).toBe(1);
    expect(callbackStatuses(payload.id)).toEqual([500, 204]);
  });

  it("REST answers 429 with retry_after: the bot waits as told and the reply arrives within Discord's deadline", async () => {
    fake.queueFault({ kind: "rateLimit", retryAfterMs: 800, match: { method: "POST", path: CALLBACK } });
    const payload = fake.interactionPayload(summaryOf(2));
    await fake.sendInteraction(payload, { timeoutMs: DEADLINE_MS });
    const record = fake.interaction(payload.id);
    expect(callbackStatuses(payload.id)).toEqual([429, 204]);
    expect((record?.callbackAt ?? 0) - (record?.dispatchedAt ?? 0)).toBeGreaterThanOrEqual(800);
  });

  it("REST answers after 2 s: that reply lands, and another member is answered meanwhile", async () => {
    const slow = fake.interactionPayload(summaryOf(3));
    fake.queueFault({ kind: "delay", delayMs: 2000, match: (request) => request.interactionId === slow.id });
    const slowReply = fake.sendInteraction(slow, { timeoutMs: DEADLINE_MS + 1000 });
    const fast = fake.interactionPayload(summaryOf(4));
    expect(embedOf((await fake.sendInteraction(fast, { timeoutMs: DEADLINE_MS })).data).title).toMatch(/^Question 4: /);
    expect(embedOf((await slowReply).data).title).toMatch(/^Question 3: /);
    const [slowRecord, fastRecord] = [fake.interaction(slow.id), fake.interaction(fast.id)];
    expect(fastRecord?.callbackAt ?? Infinity).toBeLessThan(slowRecord?.callbackAt ?? 0);
    expect((slowRecord?.callbackAt ?? 0) - (slowRecord?.dispatchedAt ?? 0)).toBeGreaterThanOrEqual(2000);
  });

  it("the edit after /reload's deferral fails with 500 once: retried, the moderator gets the report", async () => {
    fake.queueFault({ kind: "status", status: 500, match: { method: "PATCH", path: /\/messages\/@original$/ } });
    const payload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    expect((await fake.sendInteraction(payload, { timeoutMs: DEADLINE_MS })).type).toBe(5);
    await fake.waitForRequest(
      (request) => request.interactionId === payload.id && request.method === "PATCH" && request.status === 200,
      10_000,
    );
    expect(fake.interaction(payload.id)?.original?.embeds).toEqual([
      expect.objectContaining({ title: "Content reloaded" }),
    ]);
  });

  const gatewayFaults: [string, () => void, () => boolean][] = [
    ["op 7 (reconnect)", () => fake.requestReconnect(0), () => fake.resumes.some((resume) => resume.ok)],
    [
      "op 9 (invalid session, resumable)",
      () => fake.invalidateSession(0, true),
      () => fake.resumes.some((resume) => resume.ok),
    ],
    ["op 9 (invalid session, not resumable)", () => fake.invalidateSession(0, false), () => fake.identifies.length > 0],
    ["a dropped socket (1006)", () => fake.terminateShard(0), () => fake.resumes.some((resume) => resume.ok)],
    ["a closed socket (4000)", () => fake.closeShard(0, 4000), () => fake.resumes.some((resume) => resume.ok)],
  ];

  it.each(gatewayFaults)(
    "the gateway sends %s: the bot reconnects and answers the next interaction",
    async (_name, inject, recovered) => {
      fake.clearRecords();
      inject();
      // discord.js waits 5 s between two IDENTIFYs of a shard, so a fresh session takes ~5–6.5 s.
      await expectAnswered(5, 15_000);
      expect(recovered()).toBe(true);
    },
    30_000,
  );

  it("an interaction sent while the socket is down is replayed on resume and answered", async () => {
    fake.terminateShard(0);
    const payload = fake.interactionPayload(summaryOf(6));
    fake.registerInteraction(payload);
    fake.dispatch(0, "INTERACTION_CREATE", payload);
    await fake.waitForRequest(
      (request) => request.interactionId === payload.id && request.route === CALLBACK && request.status === 204,
      15_000,
    );
    expect(embedOf(fake.interaction(payload.id)?.callback?.data).title).toBe("Question 6: GPT-5的发布时间和方式");
  }, 30_000);

  it("logged no failure to deliver", () => {
    expect(bot.logs.filter((line) => (line.level ?? 0) >= 50)).toEqual([]);
  });
});

describe("the content folder failing under WATCH_CONTENT", () => {
  // As root, permissions stop nobody; the bot then runs as `nobody` so that an unreadable file is one.
  const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  let e2e: E2eSetup;
  let fake: FakeDiscord;
  let bot: BotProcess;
  let contentDir: string;
  const extraFile = (): string => path.join(contentDir, "extra.md");

  beforeAll(async () => {
    const started = await startBotOnFake({
      discord: { heartbeatIntervalMs: 1000 },
      files: { "extra.md": extraInterview("version one") },
      // `nobody` may not create the statistics' folder in the bot's scratch working directory (an error).
      env: { WATCH_CONTENT: "true", STATS: "off" },
      ...(user ? { user } : {}),
    });
    ({ fake, bot, contentDir } = started);
    e2e = started;
  });

  afterAll(() => e2e?.stop());

  /** What /quote shows for the extra interview's sentence: the line, or the refusal. */
  async function extraQuote(): Promise<string> {
    const reply = await fake.sendInteraction(
      fake.interactionPayload({
        kind: "command",
        name: "quote",
        options: { keyword: "独一无二的测试句子", interview: "extra" },
      }),
    );
    return embedOf(reply.data).description ?? reply.data?.content ?? "";
  }

  /** The next log line of the watch, after everything logged so far. */
  function nextWatchLog(predicate: (line: LogLine) => boolean): Promise<LogLine> {
    const seen = bot.logs.length;
    return bot.waitForLog((line) => bot.logs.indexOf(line) >= seen && predicate(line), 15_000);
  }

  /** The watch's own log lines (a /reload logs its outcome too). */
  const byWatch = (line: LogLine): boolean => line.trigger === "watch";
  const rejected =
    (...fragments: string[]) =>
    (line: LogLine): boolean =>
      byWatch(line) &&
      (line.level ?? 0) >= 40 &&
      fragments.every((fragment) => JSON.stringify(line).includes(fragment));
  const reloaded = (line: LogLine): boolean => byWatch(line) && line.msg === "content reloaded";

  async function reloadReport(): Promise<{ title?: string; description?: string }> {
    const payload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    await fake.sendInteraction(payload);
    const edit = await fake.waitForOriginalEdit(payload.id, 15_000);
    return embedOf(edit.body as MessageData);
  }

  it("a half-written file: the reload is refused, the error is logged with its place, the last good content keeps serving", async () => {
    const logged = nextWatchLog(rejected("extra.md", "never closed"));
    await writeFile(extraFile(), extraInterview("version two").slice(0, 20)); // "---\ntitle: Extra int"
    await logged;
    expect(await extraQuote()).toContain("**独一无二的测试句子** version one");
  });

  it("the write completes: the watch reloads it", async () => {
    const logged = nextWatchLog(reloaded);
    await writeFile(extraFile(), extraInterview("version two"));
    await logged;
    expect(await extraQuote()).toContain("version two");
  });

  it("a file made unreadable: the watch and /reload refuse and say so, the last good content keeps serving", async () => {
    const logged = nextWatchLog(rejected("extra.md", "cannot be read (permission denied)"));
    await chmod(extraFile(), 0o000);
    try {
      await logged;
      const report = await reloadReport();
      expect(report.title).toBe("Reload failed: nothing was changed");
      expect(report.description).toContain("extra.md: the file cannot be read (permission denied)");
      expect(await extraQuote()).toContain("version two");
      const readable = nextWatchLog(reloaded);
      await chmod(extraFile(), 0o644);
      await readable;
    } finally {
      await chmod(extraFile(), 0o644);
    }
  });

  it("a file deleted: the watch reloads without it and logs the removal; the rest keeps serving", async () => {
    const logged = nextWatchLog(reloaded);
    await rm(extraFile());
    expect(await logged).toMatchObject({ removed: 1, added: 0 });
    expect(await extraQuote()).toMatch(/^There is no interview called “extra”/);
    const reply = await fake.sendInteraction(
      fake.interactionPayload({ kind: "command", name: "summary", options: { question: "1", interview: SEED_ID } }),
    );
    expect(embedOf(reply.data).title).toBe("Question 1: Sam Altman的早期经历和投资");
  });

  it("CONTENT_DIR removed entirely: refused and logged, the last good content keeps serving; restored: reloaded", async () => {
    const saved = await mkdtemp(path.join(tmpdir(), "verbatim-faults-saved-"));
    await cp(contentDir, saved, { recursive: true });
    const logged = nextWatchLog(rejected("does not exist"));
    await rm(contentDir, { recursive: true, force: true });
    await logged;
    const report = await reloadReport();
    expect(report.title).toBe("Reload failed: nothing was changed");
    expect(report.description).toContain("the content folder does not exist");
    const reply = await fake.sendInteraction(
      fake.interactionPayload({ kind: "command", name: "summary", options: { question: "2", interview: SEED_ID } }),
    );
    expect(embedOf(reply.data).title).toBe("Question 2: OpenAI的回报率和Sam Altman的职位变动");

    const restored = nextWatchLog(reloaded);
    await cp(saved, contentDir, { recursive: true });
    await chmod(contentDir, 0o755);
    await restored;
    await rm(saved, { recursive: true, force: true });
  }, 45_000);

  it("one broken file among 1,000: the reload is refused naming it and its line, nothing changes", async () => {
    const batch = path.join(contentDir, "batch");
    await mkdir(batch, { mode: 0o755 });
    const logged = nextWatchLog(rejected("interview-0617.md"));
    // The broken file first: whenever the watch looks, the folder it sees is not all good.
    await writeFile(
      path.join(batch, "interview-0617.md"),
      "---\ntitle: Broken\nkeywords: [unclosed\n---\n### Question 1: x\n",
    );
    const good = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i !== 617);
    await Promise.all(
      good.map((i) =>
        writeFile(
          path.join(batch, `interview-${String(i).padStart(4, "0")}.md`),
          `---\ntitle: Batch ${i}\n---\n### Question 1: Batch ${i}\n`,
        ),
      ),
    );
    await logged;
    const report = await reloadReport();
    expect(report.title).toBe("Reload failed: nothing was changed");
    expect(report.description).toMatch(/^1 problem found\./);
    expect(report.description).toContain("batch/interview-0617.md:4: the front matter is not valid YAML");
    const refused = await fake.sendInteraction(
      fake.interactionPayload({ kind: "command", name: "questions", options: { interview: "interview-0001" } }),
    );
    expect(refused.data?.content).toMatch(/^There is no interview called “interview-0001”/);
  }, 45_000);

  it("logged nothing worse than the warnings above", () => {
    expect(bot.logs.filter((line) => (line.level ?? 0) >= 50)).toEqual([]);
  });
});

describe("start-up with some bad files", () => {
  it("starts with the good interviews, logs each bad file with its line, and serves", async () => {
    const e2e = await startBotOnFake({
      discord: { heartbeatIntervalMs: 1000 },
      files: { "broken.md": "---\ntitle: [oops\n---\n", "empty.md": "" },
    });
    const { fake, bot } = e2e;
    try {
      const warnings = bot.logs.filter((line) => line.level === 40 && String(line.msg).startsWith("content error"));
      expect(warnings.map((line) => line.msg)).toEqual([
        expect.stringMatching(/^content error: broken\.md:3: the front matter is not valid YAML/),
        "content error: empty.md: the file is empty",
      ]);
      expect(bot.logs.find((line) => line.msg === "content loaded")).toMatchObject({ interviews: 1, errors: 2 });
      const reply = await fake.sendInteraction(fake.interactionPayload({ kind: "command", name: "questions" }));
      expect(embedOf(reply.data).title).toBe("sam Altman五月访谈回顾");
    } finally {
      await e2e.stop();
    }
  });
});
