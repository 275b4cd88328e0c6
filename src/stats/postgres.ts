/** The statistics in PostgreSQL, through pg's connection pool. */
import pg from "pg";
import type { Row, SqlDatabase, SqlValue } from "./sql.js";

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
