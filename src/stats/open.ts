/**
 * Opens the statistics as the settings say: the database, its schema brought up to date, and the recorder
 * in front of it. A database that cannot be opened or reached never stops the bot: it serves on, and the
 * statistics catch up when the database is there.
 */
import type { StatsSettings } from "../config.js";
import type { Logger } from "../log.js";
import { UsageRecorder, type LossReason } from "./recorder.js";
import type { SqlDatabase } from "./sql.js";
import { StatsStore } from "./store.js";

/**
 * The store alone (the offline CLI reads it); rejects when SQLite's file cannot be opened. Only the driver
 * in use is loaded: each costs the process several MB.
 */
export async function openStatsStore(
  settings: Extract<StatsSettings, { enabled: true }>,
  log: Logger,
): Promise<StatsStore> {
  const { database } = settings;
  const db: SqlDatabase =
    database.kind === "sqlite"
      ? (await import("./sqlite.js")).openSqlite(database.file)
      : (await import("./postgres.js")).openPostgres(database.url, {
          onIdleError: (error) => log.warn({ err: error }, "usage statistics: lost a database connection"),
        });
  return new StatsStore(db);
}

/** The recorder, with the schema migrated (or, with the database unreachable, to be migrated later); undefined when off. */
export async function startUsageRecorder(
  settings: StatsSettings,
  log: Logger,
  onLost?: (events: number, reason: LossReason) => void,
): Promise<UsageRecorder | undefined> {
  if (!settings.enabled) {
    log.info("usage statistics are off (STATS=off)");
    return undefined;
  }
  let store: StatsStore;
  try {
    store = await openStatsStore(settings, log);
  } catch (error) {
    log.error({ err: error }, "usage statistics are off: could not open the database (check DATA_DIR)");
    return undefined;
  }
  const where = settings.database.kind === "sqlite" ? { file: settings.database.file } : { database: "postgres" };
  try {
    await store.ready();
    log.info({ ...where, retentionDays: settings.retentionDays }, "usage statistics ready");
  } catch (error) {
    log.warn({ ...where, err: error }, "usage statistics: the database is unavailable; will try again");
  }
  return new UsageRecorder(store, { log, flushMs: settings.flushMs, retentionDays: settings.retentionDays, onLost });
}
