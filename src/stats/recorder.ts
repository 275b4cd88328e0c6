/**
 * Keeps the usage statistics off the interaction path: `record` only adds to counts in memory, and a timer
 * writes them in one batch (sooner when many rows wait, and at shutdown). When the database is down the
 * batch is dropped — counted and logged, never thrown — and the next batch simply tries again.
 */
import type { Logger } from "../log.js";
import type { UsageReader, UsageReport } from "./report.js";
import type { StatsStore } from "./store.js";
import { UsageBatch, eventsIn, usageCounts, type UsageEvent } from "./usage.js";

export type LossReason = "database" | "overflow";

export interface RecorderOptions {
  readonly log: Logger;
  /** How often waiting counts are written. */
  readonly flushMs: number;
  /** Days kept; older ones are deleted about once an hour. */
  readonly retentionDays: number;
  /** Write early once this many rows wait. */
  readonly flushRows?: number;
  /** Beyond this many waiting rows (the database has been slow for long), new counts are dropped. */
  readonly maxRows?: number;
  /** Told of every event that will never be written, and why. */
  readonly onLost?: (events: number, reason: LossReason) => void;
}

const PRUNE_EVERY_MS = 3_600_000;

export class UsageRecorder implements UsageReader {
  readonly #store: StatsStore;
  readonly #options: RecorderOptions;
  readonly #timer: NodeJS.Timeout;
  #pending = new UsageBatch();
  /** The writes in progress, one after another. */
  #writing: Promise<void> = Promise.resolve();
  #busy = false;
  #failing = false;
  #prunedAt = 0;

  constructor(store: StatsStore, options: RecorderOptions) {
    this.#store = store;
    this.#options = options;
    this.#timer = setInterval(() => {
      if (!this.#busy) void this.flush();
    }, options.flushMs);
    // The statistics never keep the process alive.
    this.#timer.unref();
  }

  /** Counts one answered interaction. Never throws and never waits. */
  record(event: UsageEvent, at = new Date()): void {
    try {
      const maxRows = this.#options.maxRows ?? 20_000;
      for (const count of usageCounts(event, at)) {
        if (this.#pending.size >= maxRows && !this.#pending.has(count)) {
          this.#lost(eventsIn(count), "overflow");
          continue;
        }
        this.#pending.add(count);
      }
      if (this.#pending.size >= (this.#options.flushRows ?? 500) && !this.#busy) void this.flush();
    } catch (error) {
      this.#options.log.error({ err: error }, "could not count an interaction for the statistics");
    }
  }

  /** Writes what is waiting now (after any write in progress). Never rejects. */
  flush(): Promise<void> {
    this.#writing = this.#writing.then(() => this.#write());
    return this.#writing;
  }

  /** Writes what is waiting, then reads the report: a moderator's own last searches are in it. */
  async report(guildId: string | undefined, days: number): Promise<UsageReport> {
    await this.flush();
    return this.#store.report(guildId, days);
  }

  /** The last write, then the database closes. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
    await this.#store.close().catch((error: unknown) => this.#options.log.warn({ err: error }, "stats close failed"));
  }

  async #write(): Promise<void> {
    const batch = this.#pending;
    this.#pending = new UsageBatch();
    this.#busy = true;
    try {
      if (batch.size > 0) await this.#writeBatch(batch);
      if (!this.#failing && Date.now() - this.#prunedAt > PRUNE_EVERY_MS) {
        this.#prunedAt = Date.now();
        await this.#store
          .prune(this.#options.retentionDays)
          .catch((error: unknown) =>
            this.#options.log.warn({ err: error }, "usage statistics: could not delete old days"),
          );
      }
    } finally {
      this.#busy = false;
    }
  }

  async #writeBatch(batch: UsageBatch): Promise<void> {
    const { log } = this.#options;
    try {
      await this.#store.add(batch.rows());
    } catch (error) {
      const events = batch.events();
      this.#lost(events, "database");
      this.#failing = true;
      log.warn(
        { err: error, lostEvents: events },
        "usage statistics not written: the database is unavailable (answers are not affected)",
      );
      return;
    }
    if (this.#failing) log.info("usage statistics: the database is back; writing again");
    this.#failing = false;
  }

  #lost(events: number, reason: LossReason): void {
    if (events > 0) this.#options.onLost?.(events, reason);
  }
}
