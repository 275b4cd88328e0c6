/** The statistics in SQLite, through better-sqlite3: one file, created with its folder. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Row, SqlDatabase, SqlValue } from "./sql.js";

/** Runs `task`s one after another: a SQLite connection holds one transaction at a time. */
function serialized(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * The SQLite database `file` (its folder is created). WAL lets the shard processes of one machine share it;
 * a writer waits at most `busyTimeoutMs` for another (synchronously: the writes are small batches).
 */
export function openSqlite(file: string, busyTimeoutMs = 250): SqlDatabase {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  // better-sqlite3 is synchronous; async turns its throws into rejections like pg's.
  const query = async (sql: string, params: readonly SqlValue[] = []): Promise<Row[]> => {
    await Promise.resolve();
    const statement = db.prepare(sql);
    if (statement.reader) return statement.all(...params) as Row[];
    statement.run(...params);
    return [];
  };
  const oneAtATime = serialized();
  return {
    dialect: "sqlite",
    query,
    transaction: (work) =>
      oneAtATime(async () => {
        // IMMEDIATE takes the write lock at once, so two processes migrating at once take turns.
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await work({ query });
          db.exec("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      }),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
