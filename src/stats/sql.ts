/**
 * One small SQL interface over the two databases the statistics can live in: SQLite (`sqlite.ts`: a file in
 * DATA_DIR, nothing to set up) and PostgreSQL (`postgres.ts`: shared by several replicas or shards).
 * Statements are written once, with `?` placeholders, in the SQL both understand.
 */

export type SqlValue = string | number;
export type Row = Record<string, unknown>;

export interface SqlRunner {
  /** Runs one statement; a query's rows, or [] for a statement that returns none. */
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

export interface SqlDatabase extends SqlRunner {
  readonly dialect: "sqlite" | "postgres";
  /** Runs `work` in one transaction: all of its statements or none (on SQLite, one transaction at a time). */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
