/** Structured logs: pino JSON lines on stdout. One logger per process, configured at start-up. */
import { pino, type Logger } from "pino";

export type { Logger };

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  // The token never reaches a log line, even if an object carrying it is logged by mistake.
  const options = {
    level,
    base: { app: "verbatim" },
    redact: ["token", "*.token", "DISCORD_TOKEN", "*.DISCORD_TOKEN", "headers.authorization"],
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

/** For the offline CLI and unit tests: logs nothing. */
export const silentLogger: Logger = pino({ level: "silent" });
