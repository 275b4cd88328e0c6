/**
 * The usage statistics seen from the commands: what each answer notes for them (never who asked), and
 * /stats — moderators only, private, localized, within Discord's limits, and honest when the database is
 * down or the statistics are off. The counts go through a real recorder into a real SQLite file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../src/interactions/command.js";
import type { InteractionResponse, PlainInteraction } from "../src/interactions/interaction.js";
import { quotePost } from "../src/render/custom-ids.js";
import { silentLogger } from "../src/log.js";
import { UsageRecorder } from "../src/stats/recorder.js";
import type { UsageReader, UsageReport } from "../src/stats/report.js";
import { openSqlite } from "../src/stats/sqlite.js";
import { StatsStore } from "../src/stats/store.js";
import type { ContentStore } from "../src/serving/store.js";
import {
  SEED_ID,
  buttonsOf,
  command,
  contextOf,
  deferredMessage,
  messageOf,
  press,
  run,
  seedStore,
  storeOf,
} from "./helpers.js";

const moderator = { memberPermissions: 1n << 5n };
let folder: string;
let store: ContentStore;
let recorder: UsageRecorder;
let context: CommandContext;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "verbatim-stats-command-"));
  recorder = new UsageRecorder(new StatsStore(openSqlite(path.join(folder, "verbatim.sqlite"))), {
    log: silentLogger,
    flushMs: 60_000,
    retentionDays: 90,
  });
  store = await seedStore();
  context = { ...contextOf(store), stats: recorder };
});
afterAll(async () => {
  await recorder.close();
  await rm(folder, { recursive: true, force: true });
});

/** Dispatches as the bot does and counts the answer as main's wiring does. */
async function use(interaction: PlainInteraction): Promise<InteractionResponse> {
  const response = await run(interaction, context);
  const usage = response.kind === "message" || response.kind === "update" ? response.usage : undefined;
  const name = interaction.kind === "button" ? "quote" : interaction.command;
  recorder.record({ guildId: interaction.guildId, command: name, kind: interaction.kind, usage });
  return response;
}

describe("what answers note for the statistics", () => {
  it("a search notes its query and the line it showed; ◀ ▶ only the line; a search that found nothing, its query", async () => {
    const found = await run(command("quote", { keyword: "短信" }), context);
    const line = { interviewId: SEED_ID, number: 7 };
    expect(found).toMatchObject({
      usage: { search: { query: "短信", found: line }, line: { ...line, action: "quoted" } },
    });
    const next = await run(press("quote:nav:1:::短信"), context);
    expect(next.kind === "update" && next.usage?.search).toBeUndefined();
    expect(next).toMatchObject({ usage: { line: { action: "quoted" } } });
    expect(await run(command("quote", { keyword: "zzqqxx" }), context)).toMatchObject({
      rejected: true,
      usage: { search: { query: "zzqqxx", found: undefined } },
    });
  });

  it("a pressed 'did you mean' button is a search of its own: its word and the line it showed", async () => {
    const none = messageOf(await run(command("quote", { keyword: "GPT-5" }), context));
    const gpt4 = buttonsOf(none).find((button) => button.label === "GPT-4");
    const pressed = await run(press(gpt4?.custom_id ?? ""), context);
    expect(pressed.kind).toBe("update");
    expect(pressed).toMatchObject({
      usage: { search: { query: "GPT-4", found: { interviewId: SEED_ID } }, line: { action: "quoted" } },
    });
  });

  it("a summary notes its question, a post its line, and none of them who asked", async () => {
    const summary = await run(command("summary", { question: "3" }), context);
    expect(summary).toMatchObject({ usage: { question: { interviewId: SEED_ID, number: 3 } } });
    const posted = await run(press(quotePost.encode({ interviewId: SEED_ID, line: 7 }), true), context);
    expect(posted).toMatchObject({ usage: { line: { interviewId: SEED_ID, number: 7, action: "posted" } } });
    expect(JSON.stringify([summary, posted].map((r) => (r.kind === "message" ? r.usage : undefined)))).not.toMatch(
      /1100000000000000001|tester/,
    );
  });
});

describe("/stats", () => {
  it("is for moderators in a server only", async () => {
    expect(messageOf(await run(command("stats"), context)).content).toBe(
      "Only moderators can see the usage statistics (Manage Server, Administrator, or a moderator role).",
    );
    const dm = messageOf(await run(command("stats", {}, { guildId: undefined, ...moderator }), context));
    expect(dm.content).toBe("/stats works in a server, not in direct messages.");
  });

  it("shows a moderator this server's most viewed questions, most quoted lines and searches that found nothing", async () => {
    await use(command("summary", { question: "3" }));
    await use(command("summary", { question: "3" }));
    await use(command("quote", { keyword: "短信" }));
    await use(command("quote", { keyword: "ZZQQXX " }));
    await use(command("quote", { keyword: "zzqqxx" }));
    await use(press(quotePost.encode({ interviewId: SEED_ID, line: 7 }), true));
    await use(command("quote", { keyword: "elsewhere" }, { guildId: "1000000000000000099" }));
    const reply = await deferredMessage(await run(command("stats", { days: 7 }, moderator), context));
    expect(reply.flags).toBe(64);
    const embed = reply.embeds?.[0];
    expect(embed?.title).toBe("Usage in the last 7 days");
    expect(embed?.description).toContain("3 searches, 2 found nothing · 2 question views · 1 line quoted, 1 posted");
    expect(embed?.description).toContain("/quote 3 · /summary 2");
    const fields = Object.fromEntries((embed?.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields["Most viewed questions"]).toMatch(/^1\. \*\*Question 3\*\* OpenAI的ChatGPT推出.* · 2 views$/);
    expect(fields["Most quoted lines"]).toMatch(/^1\. .*line 7 · quoted 1 · posted 1$/);
    expect(fields["Searches that found nothing"]).toBe("1. “zzqqxx” × 2");
    expect(fields["Searches per day"]).toMatch(/^1\. \d{4}-\d\d-\d\d: 3 \(2 found nothing\)$/);
    const chinese = await deferredMessage(await run(command("stats", {}, { ...moderator, locale: "zh-TW" }), context));
    expect(chinese.embeds?.[0]?.title).toBe("最近 30 天的使用情況");
    expect(chinese.embeds?.[0]?.fields?.map((field) => field.name)).toEqual([
      "查看最多的問題",
      "引用最多的段落",
      "沒有結果的搜尋",
      "每天的搜尋次數",
    ]);
  });

  /** /stats as a moderator sees it, over `report` and the content `served`. */
  async function statsOver(report: UsageReport, served: ContentStore): Promise<ReturnType<typeof messageOf>> {
    const reader: UsageReader = { report: () => Promise.resolve(report) };
    return deferredMessage(await run(command("stats", {}, moderator), { ...contextOf(served), stats: reader }));
  }
  const quiet: UsageReport = {
    days: 7,
    since: "2026-11-26",
    commands: [],
    totals: { questionViews: 0, quoted: 0, posted: 0 },
    questions: [],
    lines: [],
    unfound: [],
    searchesPerDay: [],
  };

  it("stays within Discord's limits with years of long queries and content that is gone", async () => {
    const long = "很长的查询".repeat(20);
    const report: UsageReport = {
      days: 3650,
      since: "2016-12-06",
      commands: [{ command: "quote", uses: 1e9 }],
      totals: { questionViews: 1e9, quoted: 1e9, posted: 1e9 },
      questions: Array.from({ length: 10 }, (_, i) => ({
        interviewId: `gone-${"x".repeat(90)}-${i}`,
        number: i,
        views: 1e9,
      })),
      lines: Array.from({ length: 10 }, (_, i) => ({ interviewId: SEED_ID, number: i + 1, quoted: 1e9, posted: 1e9 })),
      unfound: Array.from({ length: 10 }, (_, i) => ({ query: `${long}*_\`@everyone ${i}`, searches: 1e9 })),
      searchesPerDay: Array.from({ length: 3650 }, (_, i) => ({ day: `day ${i}`, searches: 1e9, unfound: 1e9 })),
    };
    // deferredMessage checks every limit, and that nobody is pinged.
    const reply = await statsOver(report, store);
    const fields = reply.embeds?.[0]?.fields ?? [];
    expect(fields[3]?.value).toMatch(/^1\. day 3649: /);
    expect(fields[3]?.value).toMatch(/…and \d+ more\.$/);
  });

  it("names questions and lines by the served interview's title and text, one no longer served by its id", async () => {
    // Two interviews: each entry must be looked up in its own, not in the first one served.
    const served = storeOf({
      first:
        "---\ntitle: First talk\n---\n### Question 1: Not this one\n- **Transcript**\n**Host:** not this line\n\n**Host:** nor this\n\n**Host:** nor that\n",
      second:
        "---\ntitle: Second talk\n---\n### Question 1: The lighthouse\n- **Transcript**\nNo speaker was named here.\n\n**Guest:** The lamp was paraffin.\n",
    });
    const embed = (
      await statsOver(
        {
          ...quiet,
          commands: [{ command: "quote", uses: 4 }],
          totals: { questionViews: 4, quoted: 4, posted: 1 },
          questions: [
            { interviewId: "second", number: 1, views: 3 },
            { interviewId: "gone", number: 2, views: 1 },
          ],
          lines: [
            { interviewId: "second", number: 2, quoted: 2, posted: 1 },
            { interviewId: "second", number: 1, quoted: 1, posted: 0 },
            { interviewId: "gone", number: 1, quoted: 1, posted: 0 },
          ],
        },
        served,
      )
    ).embeds?.[0];
    expect(embed?.fields).toEqual([
      {
        name: "Most viewed questions",
        value:
          "1. **Question 1** The lighthouse — _Second talk_ · 3 views\n" +
          "2. **Question 2** no longer in the content — `gone` · 1 view",
      },
      {
        name: "Most quoted lines",
        value:
          "1. **Guest**: “The lamp was paraffin.” — _Second talk_, line 2 · quoted 2 · posted 1\n" +
          "2. **?**: “No speaker was named here.” — _Second talk_, line 1 · quoted 1 · posted 0\n" +
          "3. no longer in the content — `gone`, line 1 · quoted 1 · posted 0",
      },
      { name: "Searches that found nothing", value: "None." },
      { name: "Searches per day", value: "None." },
    ]);
    expect(embed?.footer).toEqual({
      text: "Since 2026-11-26 (UTC) · counted per server and day; no member is recorded",
    });
  });

  it("says nothing was recorded when no command was used, privately", async () => {
    const reply = await statsOver(quiet, store);
    expect(reply.flags).toBe(64);
    expect(reply.embeds).toEqual([
      {
        title: "Usage in the last 7 days",
        color: expect.any(Number),
        description: "Nothing was recorded in this server in these days.",
        footer: { text: "Since 2026-11-26 (UTC) · counted per server and day; no member is recorded" },
      },
    ]);
  });

  it("says so when the database cannot be reached, and when the statistics are off", async () => {
    const down: UsageReader = { report: () => Promise.reject(new Error("connect ECONNREFUSED")) };
    const reply = await deferredMessage(
      await run(command("stats", {}, moderator), { ...contextOf(store), stats: down }),
    );
    expect(reply.content).toBe(
      "The statistics database cannot be reached right now. Answers are not affected; try /stats again later.",
    );
    const off = messageOf(await run(command("stats", {}, moderator), contextOf(store)));
    expect(off.content).toBe("This bot records no usage statistics (STATS=off).");
  });
});
