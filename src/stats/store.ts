/**
 * The statistics store: the schema brought up to date, batches of counts added in one transaction, old days
 * deleted, and the report /stats shows. The same statements on SQLite and PostgreSQL.
 */
import { migrate } from "./migrations.js";
import type { UsageReport } from "./report.js";
import type { Row, SqlDatabase, SqlValue } from "./sql.js";
import { USAGE_TABLES, utcDay, type UsageCount, type UsageTable } from "./usage.js";

/** How many entries each list of the report holds at most. */
export const REPORT_TOP = 10;

/** `INSERT … ON CONFLICT DO UPDATE` adding the counts, per table: SQLite and PostgreSQL share the syntax. */
function upsertSql(table: UsageTable): string {
  const { keys, counts } = USAGE_TABLES[table];
  const columns = ["day", "guild_id", ...keys, ...counts];
  const added = counts.map((count) => `${count} = ${table}.${count} + excluded.${count}`).join(", ");
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})
    ON CONFLICT (${["day", "guild_id", ...keys].join(", ")}) DO UPDATE SET ${added}`;
}

const UPSERTS = Object.fromEntries(
  (Object.keys(USAGE_TABLES) as UsageTable[]).map((table) => [table, upsertSql(table)]),
) as Record<UsageTable, string>;

/** PostgreSQL returns sums as text (they are 64-bit); both databases' numbers read as numbers. */
const num = (value: unknown): number => Number(value ?? 0);
const str = (value: unknown): string => (typeof value === "string" ? value : String(value));

export class StatsStore {
  readonly db: SqlDatabase;
  #ready: Promise<void> | undefined;

  constructor(db: SqlDatabase) {
    this.db = db;
  }

  /** Applies the migrations once; after a failure (the database is down) the next call tries again. */
  ready(): Promise<void> {
    this.#ready ??= migrate(this.db).then(
      () => undefined,
      (error: unknown) => {
        this.#ready = undefined;
        throw error;
      },
    );
    return this.#ready;
  }

  /** Adds the counts, all or none. */
  async add(counts: readonly UsageCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.ready();
    await this.db.transaction(async (tx) => {
      for (const count of counts)
        await tx.query(UPSERTS[count.table], [count.day, count.guildId, ...count.keys, ...count.counts]);
    });
  }

  /** Deletes the days before the last `retentionDays` (today counts as one). */
  async prune(retentionDays: number, now = new Date()): Promise<void> {
    await this.ready();
    const cutoff = firstDay(retentionDays, now);
    await this.db.transaction(async (tx) => {
      for (const table of Object.keys(USAGE_TABLES)) await tx.query(`DELETE FROM ${table} WHERE day < ?`, [cutoff]);
    });
  }

  /** The last `days` days (today included) of one server, or of every server when `guildId` is undefined. */
  async report(guildId: string | undefined, days: number, now = new Date()): Promise<UsageReport> {
    await this.ready();
    const since = firstDay(days, now);
    const where = guildId === undefined ? "day >= ?" : "day >= ? AND guild_id = ?";
    const params: SqlValue[] = guildId === undefined ? [since] : [since, guildId];
    const read = (sql: string): Promise<Row[]> => this.db.query(sql, params);
    const [commands, views, quotes, questions, lines, unfound, perDay] = await Promise.all([
      read(`SELECT command, SUM(uses) AS uses FROM usage_commands WHERE ${where} AND kind = 'command'
        GROUP BY command ORDER BY SUM(uses) DESC, command`),
      read(`SELECT SUM(views) AS views FROM usage_questions WHERE ${where}`),
      read(`SELECT SUM(quoted) AS quoted, SUM(posted) AS posted FROM usage_lines WHERE ${where}`),
      read(`SELECT interview_id, question_number, SUM(views) AS views FROM usage_questions WHERE ${where}
        GROUP BY interview_id, question_number ORDER BY SUM(views) DESC, interview_id, question_number
        LIMIT ${REPORT_TOP}`),
      read(`SELECT interview_id, line_number, SUM(quoted) AS quoted, SUM(posted) AS posted FROM usage_lines
        WHERE ${where} GROUP BY interview_id, line_number
        ORDER BY SUM(quoted) + SUM(posted) DESC, SUM(posted) DESC, interview_id, line_number LIMIT ${REPORT_TOP}`),
      read(`SELECT query, SUM(searches) AS searches FROM usage_searches WHERE ${where} AND found = 0
        GROUP BY query ORDER BY SUM(searches) DESC, query LIMIT ${REPORT_TOP}`),
      read(`SELECT day, SUM(searches) AS searches, SUM(CASE WHEN found = 0 THEN searches ELSE 0 END) AS unfound
        FROM usage_searches WHERE ${where} GROUP BY day ORDER BY day`),
    ]);
    return {
      days,
      since,
      commands: commands.map((row) => ({ command: str(row.command), uses: num(row.uses) })),
      totals: { questionViews: num(views[0]?.views), quoted: num(quotes[0]?.quoted), posted: num(quotes[0]?.posted) },
      questions: questions.map((row) => ({
        interviewId: str(row.interview_id),
        number: num(row.question_number),
        views: num(row.views),
      })),
      lines: lines.map((row) => ({
        interviewId: str(row.interview_id),
        number: num(row.line_number),
        quoted: num(row.quoted),
        posted: num(row.posted),
      })),
      unfound: unfound.map((row) => ({ query: str(row.query), searches: num(row.searches) })),
      searchesPerDay: perDay.map((row) => ({
        day: str(row.day),
        searches: num(row.searches),
        unfound: num(row.unfound),
      })),
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The first of the last `days` days, today (UTC) included. */
export function firstDay(days: number, now: Date): string {
  return utcDay(new Date(now.getTime() - (Math.max(1, days) - 1) * 86_400_000));
}
