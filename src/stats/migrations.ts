/**
 * The statistics schema, as versioned migrations that run the same on SQLite and PostgreSQL. Each process
 * applies the ones its database lacks at start, in order, in one transaction; `schema_migrations` says
 * which are in. Never edit a migration that shipped: add the next one.
 */
import type { SqlDatabase } from "./sql.js";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** Every table is counted per UTC day (`YYYY-MM-DD`) and server; none holds a user id or name. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "usage counts",
    statements: [
      `CREATE TABLE usage_commands (
        day TEXT NOT NULL, guild_id TEXT NOT NULL, command TEXT NOT NULL, kind TEXT NOT NULL,
        uses INTEGER NOT NULL,
        PRIMARY KEY (day, guild_id, command, kind))`,
      `CREATE TABLE usage_questions (
        day TEXT NOT NULL, guild_id TEXT NOT NULL, interview_id TEXT NOT NULL, question_number INTEGER NOT NULL,
        views INTEGER NOT NULL,
        PRIMARY KEY (day, guild_id, interview_id, question_number))`,
      `CREATE TABLE usage_lines (
        day TEXT NOT NULL, guild_id TEXT NOT NULL, interview_id TEXT NOT NULL, line_number INTEGER NOT NULL,
        quoted INTEGER NOT NULL, posted INTEGER NOT NULL,
        PRIMARY KEY (day, guild_id, interview_id, line_number))`,
      // A search that found nothing has found = 0, interview_id '' and line_number 0 (a key holds no NULL).
      `CREATE TABLE usage_searches (
        day TEXT NOT NULL, guild_id TEXT NOT NULL, query TEXT NOT NULL, found INTEGER NOT NULL,
        interview_id TEXT NOT NULL, line_number INTEGER NOT NULL,
        searches INTEGER NOT NULL,
        PRIMARY KEY (day, guild_id, query, found, interview_id, line_number))`,
      // /stats reads one server's recent days.
      "CREATE INDEX usage_searches_by_guild ON usage_searches (guild_id, day)",
    ],
  },
];

/** Any number: two processes starting at once on one PostgreSQL take turns through this lock. */
const MIGRATION_LOCK = 7_413_017;

/** Applies the migrations `db` lacks; returns the versions applied now. */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.dialect === "postgres") await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const rows = await tx.query("SELECT version FROM schema_migrations");
    const applied = new Set(rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((migration) => migration.version));
    // An older build must not write into a schema it does not know.
    if (newest > known)
      throw new Error(`the statistics database has schema version ${newest}; this build knows up to ${known}`);
    const now: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      now.push(migration.version);
    }
    return now;
  });
}
