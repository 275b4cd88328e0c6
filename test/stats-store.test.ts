/**
 * The statistics store on both databases it supports — SQLite (a file) and PostgreSQL (real, the test run's
 * own server) — through one suite: migrations, counts adding up, the report /stats shows, retention.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { MIGRATIONS, migrate } from "../src/stats/migrations.js";
import { openPostgres } from "../src/stats/postgres.js";
import type { SqlDatabase } from "../src/stats/sql.js";
import { openSqlite } from "../src/stats/sqlite.js";
import { StatsStore } from "../src/stats/store.js";
import { usageCounts, type UsageEvent, type UsageNote } from "../src/stats/usage.js";
import { UsageRecorder } from "../src/stats/recorder.js";
import { silentLogger } from "../src/log.js";
import { createTestDatabase, testPostgresUrl, type TestDatabase } from "../testkit/postgres.js";

const GUILD = "1000000000000000001";
const OTHER_GUILD = "1000000000000000002";
const NOW = new Date("2026-12-03T12:00:00Z");
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);

/** What one answered interaction adds, as the recorder would queue it. */
function countsOf(
  command: string,
  usage: UsageNote | undefined,
  { guildId = GUILD, kind = "command", at = NOW }: { guildId?: string; kind?: string; at?: Date } = {},
) {
  const event: UsageEvent = { guildId, command, kind, usage };
  return usageCounts(event, at);
}

interface Backend {
  readonly name: string;
  open(): Promise<{ db: SqlDatabase; cleanUp: () => Promise<void> }>;
}

const scratch: string[] = [];
afterAll(async () => {
  for (const folder of scratch) await rm(folder, { recursive: true, force: true });
});

const backends: Backend[] = [
  {
    name: "SQLite",
    async open() {
      const folder = await mkdtemp(path.join(tmpdir(), "verbatim-stats-"));
      scratch.push(folder);
      const db = openSqlite(path.join(folder, "nested", "verbatim.sqlite"));
      return { db, cleanUp: () => db.close() };
    },
  },
  {
    name: "PostgreSQL",
    async open() {
      const database: TestDatabase = await createTestDatabase(
        testPostgresUrl(inject("postgresUrl"), inject("postgresProblem")),
      );
      const db = openPostgres(database.url);
      return {
        db,
        cleanUp: async () => {
          await db.close();
          await database.drop();
        },
      };
    },
  },
];

describe.each(backends)("the statistics store on $name", (backend) => {
  let db: SqlDatabase;
  let store: StatsStore;
  let cleanUp: () => Promise<void>;
  beforeEach(async () => {
    ({ db, cleanUp } = await backend.open());
    store = new StatsStore(db);
    await store.ready();
  });
  afterEach(() => cleanUp());

  it("applies the migrations once, records their versions, and refuses a schema newer than it knows", async () => {
    const versions = await db.query("SELECT version, name FROM schema_migrations ORDER BY version");
    expect(versions.map((row) => Number(row.version))).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(await migrate(db)).toEqual([]);
    await db.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [99, "future", "x"]);
    await expect(migrate(db)).rejects.toThrow(/schema version 99/);
  });

  it("adds counts up across batches and reports the most viewed, the most quoted and the searches that found nothing", async () => {
    const line7 = { interviewId: "talk", number: 7 };
    await store.add([
      ...countsOf("summary", { question: { interviewId: "talk", number: 3 } }),
      ...countsOf("summary", { question: { interviewId: "talk", number: 3 } }),
      ...countsOf("summary", { question: { interviewId: "talk", number: 1 } }),
      ...countsOf("quote", { line: { ...line7, action: "quoted" }, search: { query: "Dream ", found: line7 } }),
    ]);
    await store.add([
      ...countsOf("quote", { line: { ...line7, action: "quoted" }, search: { query: "dream", found: line7 } }),
      ...countsOf("quote", { search: { query: "GPT-5", found: undefined } }),
      ...countsOf("quote", { search: { query: "gpt-5", found: undefined } }),
      ...countsOf("quote", { search: { query: "piano", found: undefined } }, { at: daysAgo(1) }),
      ...countsOf("quote", { line: { ...line7, action: "posted" } }, { kind: "button" }),
      // Another server's counts stay out of this one's report.
      ...countsOf("quote", { search: { query: "elsewhere", found: undefined } }, { guildId: OTHER_GUILD }),
    ]);
    const report = await store.report(GUILD, 7, NOW);
    expect(report.since).toBe("2026-11-27");
    expect(report.commands).toEqual([
      { command: "quote", uses: 5 },
      { command: "summary", uses: 3 },
    ]);
    expect(report.questions).toEqual([
      { interviewId: "talk", number: 3, views: 2 },
      { interviewId: "talk", number: 1, views: 1 },
    ]);
    expect(report.lines).toEqual([{ interviewId: "talk", number: 7, quoted: 2, posted: 1 }]);
    expect(report.totals).toEqual({ questionViews: 3, quoted: 2, posted: 1 });
    expect(report.unfound).toEqual([
      { query: "gpt-5", searches: 2 },
      { query: "piano", searches: 1 },
    ]);
    expect(report.searchesPerDay).toEqual([
      { day: "2026-12-02", searches: 1, unfound: 1 },
      { day: "2026-12-03", searches: 4, unfound: 2 },
    ]);
    // One day back is today alone; every server is both.
    expect((await store.report(GUILD, 1, NOW)).unfound).toEqual([{ query: "gpt-5", searches: 2 }]);
    expect((await store.report(undefined, 7, NOW)).unfound.map((entry) => entry.query)).toContain("elsewhere");
  });

  it("deletes the days older than the retention and keeps the rest", async () => {
    await store.add([
      ...countsOf("quote", { search: { query: "old", found: undefined } }, { at: daysAgo(90) }),
      ...countsOf("quote", { search: { query: "kept", found: undefined } }, { at: daysAgo(89) }),
    ]);
    await store.prune(90, NOW);
    const report = await store.report(GUILD, 365, NOW);
    expect(report.unfound).toEqual([{ query: "kept", searches: 1 }]);
    expect(report.commands).toEqual([{ command: "quote", uses: 1 }]);
  });

  it("writes a batch all or nothing", async () => {
    const good = countsOf("quote", { search: { query: "kept out", found: undefined } });
    const broken = { ...good[0]!, table: "usage_commands" as const, keys: ["quote"] }; // a key column short
    await expect(store.add([...good, broken])).rejects.toThrow();
    expect((await store.report(GUILD, 7, NOW)).commands).toEqual([]);
  });
});

describe("the recorder in front of the store", () => {
  const event = (query: string): UsageEvent => ({
    guildId: GUILD,
    command: "quote",
    kind: "command",
    usage: { search: { query, found: undefined } },
  });

  async function recorderOn(options: { maxRows?: number } = {}) {
    const folder = await mkdtemp(path.join(tmpdir(), "verbatim-recorder-"));
    scratch.push(folder);
    const store = new StatsStore(openSqlite(path.join(folder, "verbatim.sqlite")));
    const lost: [number, string][] = [];
    const recorder = new UsageRecorder(store, {
      log: silentLogger,
      flushMs: 60_000,
      retentionDays: 90,
      onLost: (events, reason) => lost.push([events, reason]),
      ...options,
    });
    return { store, recorder, lost };
  }

  it("adds counts up in memory, writes them in one batch, and counts nothing twice", async () => {
    const { recorder, lost } = await recorderOn();
    for (let i = 0; i < 50; i++) recorder.record(event("same words"));
    recorder.record({ guildId: undefined, command: "quote", kind: "command", usage: undefined }); // a direct message
    recorder.record({ guildId: GUILD, command: "quote", kind: "autocomplete", usage: undefined }); // typing
    const report = await recorder.report(GUILD, 1);
    expect(report.unfound).toEqual([{ query: "same words", searches: 50 }]);
    expect(report.commands).toEqual([{ command: "quote", uses: 50 }]);
    expect((await recorder.report(GUILD, 1)).unfound).toEqual([{ query: "same words", searches: 50 }]);
    await recorder.close();
    expect(lost).toEqual([]);
  });

  it("drops and counts what it cannot hold or write, and never throws", async () => {
    const { store, recorder, lost } = await recorderOn({ maxRows: 3 });
    recorder.record(event("one")); // a command row and a search row
    recorder.record(event("two")); // the same command row, a third row
    recorder.record(event("three")); // its search row does not fit; its command adds to the waiting one
    expect(lost).toEqual([[1, "overflow"]]);
    await store.close(); // the database is gone
    expect(() => recorder.record(event("four"))).not.toThrow();
    await recorder.flush();
    expect(lost).toEqual([
      [1, "overflow"],
      [1, "overflow"],
      [6, "database"],
    ]);
    await expect(recorder.report(GUILD, 1)).rejects.toThrow();
    await recorder.close();
  });
});
