/**
 * The only reader of the environment. Read once at start-up, every value validated; a bad or missing
 * setting fails fast with one line that names it. `.env` is loaded by dotenv (real variables win).
 */
import { config as loadDotEnv } from "dotenv";
import { LOG_LEVELS, type LogLevel } from "./log.js";

export interface Config {
  readonly token: string;
  /** REST base passed to discord.js as `rest.api`; the gateway address then comes from its `GET /gateway/bot`. */
  readonly apiUrl: string | undefined;
  readonly guildId: string | undefined;
  readonly contentDir: string;
  readonly logLevel: LogLevel;
  readonly moderatorRoleIds: ReadonlySet<string>;
  readonly watchContent: boolean;
  /** Port of the operations server (`/healthz`, `/metrics`) in gateway mode; undefined: not started. */
  readonly opsPort: number | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting} ${problem} — see .env.example (copy it to .env), or try the bot offline with \`npm run cli -- questions\`.`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

let dotEnvLoaded = false;

/** The process environment, with `.env` applied once. */
export function processEnv(): Env {
  if (!dotEnvLoaded) {
    loadDotEnv({ quiet: true });
    dotEnvLoaded = true;
  }
  return process.env;
}

const SNOWFLAKE = /^\d{17,20}$/;

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = optional(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got "${value}")`);
}

/** A TCP port, 1–65535 (0 lets the system pick one, for tests). */
export function parsePort(env: Env, name: string): number | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new ConfigError(name, `must be a port number from 0 to 65535 (got "${value}")`);
  return port;
}

/** Where the interviews are: enough for the offline tools, which need no token. */
export function readContentDir(env: Env = processEnv()): string {
  return optional(env, "CONTENT_DIR") ?? "content";
}

export function readConfig(env: Env = processEnv()): Config {
  const token = optional(env, "DISCORD_TOKEN");
  if (token === undefined) throw new ConfigError("DISCORD_TOKEN", "is missing: set it to your bot's token from the Discord developer portal");
  // Never echo the token itself, not even part of it.
  if (/\s/.test(token) || token.length < 20) throw new ConfigError("DISCORD_TOKEN", "does not look like a bot token (it is too short or has spaces)");

  const apiUrl = optional(env, "DISCORD_API_URL");
  if (apiUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(apiUrl)) {
    throw new ConfigError("DISCORD_API_URL", `must be an http(s) URL like https://discord.com/api (got "${apiUrl}")`);
  }

  const guildId = optional(env, "DISCORD_GUILD_ID");
  if (guildId !== undefined && !SNOWFLAKE.test(guildId)) throw new ConfigError("DISCORD_GUILD_ID", `must be a server id, 17–20 digits (got "${guildId}")`);

  const logLevel = (optional(env, "LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")} (got "${logLevel}")`);
  }

  const roles = (optional(env, "MODERATOR_ROLE_IDS") ?? "")
    .split(",")
    .map((role) => role.trim())
    .filter((role) => role !== "");
  const badRole = roles.find((role) => !SNOWFLAKE.test(role));
  if (badRole !== undefined) throw new ConfigError("MODERATOR_ROLE_IDS", `must be a comma-separated list of role ids (got "${badRole}")`);

  return {
    token,
    apiUrl: apiUrl?.replace(/\/+$/, ""),
    guildId,
    contentDir: readContentDir(env),
    logLevel: logLevel as LogLevel,
    moderatorRoleIds: new Set(roles),
    watchContent: parseBoolean(env, "WATCH_CONTENT", false),
    opsPort: parsePort(env, "HTTP_PORT"),
  };
}
