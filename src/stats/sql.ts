/**
 * One small SQL interface over the two databases the statistics can live in: SQLite (better-sqlite3, a file
 * in DATA_DIR, nothing to set up) and PostgreSQL (pg, shared by several replicas or shards). Statements are
 * written once, with `?` placeholders, in the SQL both understand.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export type SqlValue = string | number;
export type Row = Record<string, unknown>;

export interface SqlRunner {
  /** Runs one statement; a query's rows, or [] for a statement that returns none. */
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

export interface SqlDatabase extends SqlRunner {
  readonly dialect: "sqlite" | "postgres";
  /** Runs `work` in one transaction: all of its statements or none. Transactions run one at a time. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

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

/** `?` placeholders as PostgreSQL's `$1, $2, …` (our statements hold no `?` in a string literal). */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

export interface PostgresOptions {
  /** Gives up on connecting after this long, so a database that is down fails a flush quickly. */
  readonly connectTimeoutMs?: number;
  /** Gives up on one statement after this long. */
  readonly queryTimeoutMs?: number;
  /** Told of a connection that broke while idle (the database went away); the pool replaces it later. */
  readonly onIdleError?: (error: Error) => void;
}

/** A pool of connections to the PostgreSQL database at `url`. Nothing connects until the first query. */
export function openPostgres(url: string, options: PostgresOptions = {}): SqlDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    query_timeout: options.queryTimeoutMs ?? 5000,
    idleTimeoutMillis: 10_000,
    application_name: "verbatim",
  });
  // Without a listener, an idle connection that breaks (the server restarting) would crash the process.
  pool.on("error", (error) => options.onIdleError?.(error));
  const runOn =
    (client: pg.Pool | pg.PoolClient) =>
    async (sql: string, params: readonly SqlValue[] = []): Promise<Row[]> =>
      (await client.query<Row>(numbered(sql), [...params])).rows;
  return {
    dialect: "postgres",
    query: runOn(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work({ query: runOn(client) });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
        throw error;
      } finally {
        // A connection whose rollback failed is in no state to be reused.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
