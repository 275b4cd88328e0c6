/**
 * Connecting to Discord at start-up, again and again: a network blip (no DNS yet, a proxy still starting)
 * must not stop the bot, while a refused token must, at once, since no retry can fix it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../log.js";

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 60_000;

/** discord.js's codes for what a retry cannot fix: a refused token, intents the application may not use. */
const PERMANENT_CODES: ReadonlySet<unknown> = new Set(["TokenInvalid", "DisallowedIntents", 401, 403]);

export function isPermanent(error: unknown): boolean {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  return PERMANENT_CODES.has(code) || PERMANENT_CODES.has(status);
}

/**
 * The cause in a few words for the log and /healthz: the system's code with its message
 * (`getaddrinfo ENOTFOUND discord.com`, `connect ECONNREFUSED 127.0.0.1:443`), an HTTP status, or the message.
 */
export function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { status } = error as { status?: unknown };
  const cause = error.cause instanceof Error ? error.cause : undefined;
  if (cause !== undefined && (cause as { code?: unknown }).code !== undefined) return cause.message;
  return typeof status === "number" ? `HTTP ${status}: ${error.message}` : error.message;
}

/** 1 s, 2 s, 4 s … up to a minute, each ±20 % so that many restarted processes do not retry in step. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_DELAY_MS * 2 ** (failures - 1), MAX_DELAY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface RetryOptions {
  readonly log: Logger;
  /** Told the cause of the last failure while waiting to try again, and undefined once connected. */
  readonly onWaiting?: (cause: string | undefined) => void;
}

/** Runs `connect` until it succeeds; rethrows at once an error no retry can fix (see isPermanent). */
export async function retryConnecting<T>(connect: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      const connected = await connect();
      options.onWaiting?.(undefined);
      return connected;
    } catch (error) {
      if (isPermanent(error)) throw error;
      const cause = causeOf(error);
      const delayMs = retryDelayMs(failures);
      options.log.warn(
        { err: error, cause, attempt: failures, retryInMs: delayMs },
        `could not connect to Discord (${cause}); trying again in ${(delayMs / 1000).toFixed(1)} s`,
      );
      options.onWaiting?.(cause);
      await sleep(delayMs);
    }
  }
}
