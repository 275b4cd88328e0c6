/**
 * The only reader of the environment. Read once at start-up, every value validated; a bad or missing
 * setting fails fast with one line that names it. `.env` is loaded by dotenv (real variables win).
 */
import { config as loadDotEnv } from "dotenv";
import { LOG_LEVELS, type LogLevel } from "./log.js";

/** How a gateway process relates to discord.js's ShardingManager. */
export type Sharding =
  /** One process with every shard, as without SHARD_COUNT. */
  | { readonly role: "single" }
  /** SHARD_COUNT is set: this process runs the ShardingManager, which spawns one process per shard. */
  | { readonly role: "manager"; readonly shardCount: number | "auto" }
  /** A process spawned by the ShardingManager (which sets SHARDING_MANAGER, SHARDS and SHARD_COUNT). */
  | { readonly role: "shard"; readonly shardIds: readonly number[]; readonly shardCount: number };

/** How interactions arrive: over the gateway WebSocket, or as signed HTTP POSTs from Discord. */
export type Transport =
  | { readonly mode: "gateway"; readonly token: string; readonly sharding: Sharding }
  | {
      readonly mode: "http";
      readonly port: number;
      /** The application's Ed25519 public key, 64 hex characters. */
      readonly publicKey: string;
      /** Only used to sync the command definitions at start; without it they are left as they are. */
      readonly token: string | undefined;
    };

export interface Config {
  readonly transport: Transport;
  /** REST base passed to discord.js as `rest.api`; the gateway address then comes from its `GET /gateway/bot`. */
  readonly apiUrl: string | undefined;
  readonly guildId: string | undefined;
  readonly contentDir: string;
  readonly logLevel: LogLevel;
  readonly moderatorRoleIds: ReadonlySet<string>;
  readonly watchContent: boolean;
  /** QUOTE_COOLDOWN: public replies a member may have in one channel within `seconds`; undefined: off. */
  readonly quoteCooldown: { readonly replies: number; readonly seconds: number } | undefined;
  /** Port of the operations server (`/healthz`, `/metrics`) in gateway mode; undefined: not started. */
  readonly opsPort: number | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(
      `${setting} ${problem} — see .env.example (copy it to .env), or try the bot offline with \`npm run cli -- questions\`.`,
    );
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
  if (!/^\d{1,5}$/.test(value) || port > 65535)
    throw new ConfigError(name, `must be a port number from 0 to 65535 (got "${value}")`);
  return port;
}

/** Where the interviews are: enough for the offline tools, which need no token. */
export function readContentDir(env: Env = processEnv()): string {
  return optional(env, "CONTENT_DIR") ?? "content";
}

function readToken(env: Env, required: true): string;
function readToken(env: Env, required: false): string | undefined;
function readToken(env: Env, required: boolean): string | undefined {
  const token = optional(env, "DISCORD_TOKEN");
  if (token === undefined) {
    if (required)
      throw new ConfigError(
        "DISCORD_TOKEN",
        "is missing: set it to your bot's token from the Discord developer portal",
      );
    return undefined;
  }
  // Never echo the token itself, not even part of it.
  if (/\s/.test(token) || token.length < 20)
    throw new ConfigError("DISCORD_TOKEN", "does not look like a bot token (it is too short or has spaces)");
  return token;
}

function positiveInteger(value: string): number | undefined {
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : undefined;
}

/** discord.js's SHARDS: one shard id, or a JSON list of them. */
function shardIdsOf(text: string | undefined): number[] | undefined {
  let ids: unknown;
  try {
    ids = JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
  const list: unknown = typeof ids === "number" ? [ids] : ids;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.every((id) => Number.isInteger(id) && (id as number) >= 0) ? (list as number[]) : undefined;
}

function readSharding(env: Env): Sharding {
  const count = optional(env, "SHARD_COUNT");
  if (optional(env, "SHARDING_MANAGER") !== undefined) {
    const shardIds = shardIdsOf(optional(env, "SHARDS"));
    const shardCount = positiveInteger(count ?? "");
    if (shardIds === undefined || shardCount === undefined) {
      throw new ConfigError(
        "SHARDS",
        "and SHARD_COUNT are set by discord.js's ShardingManager: start the bot with SHARD_COUNT instead",
      );
    }
    return { role: "shard", shardIds, shardCount };
  }
  if (count === undefined) return { role: "single" };
  if (count.toLowerCase() === "auto") return { role: "manager", shardCount: "auto" };
  const shardCount = positiveInteger(count);
  if (shardCount === undefined)
    throw new ConfigError("SHARD_COUNT", `must be auto or a positive whole number (got "${count}")`);
  return { role: "manager", shardCount };
}

function readTransport(env: Env): Transport {
  const mode = (optional(env, "MODE") ?? "gateway").toLowerCase();
  if (mode === "gateway") return { mode, token: readToken(env, true), sharding: readSharding(env) };
  if (mode !== "http") throw new ConfigError("MODE", `must be gateway or http (got "${mode}")`);
  if (optional(env, "SHARD_COUNT") !== undefined)
    throw new ConfigError("SHARD_COUNT", "applies to MODE=gateway only: in HTTP mode, run more replicas instead");
  const publicKey = optional(env, "DISCORD_PUBLIC_KEY");
  if (publicKey === undefined)
    throw new ConfigError(
      "DISCORD_PUBLIC_KEY",
      "is missing: MODE=http needs the application's public key (developer portal → General Information)",
    );
  if (!/^[0-9a-f]{64}$/i.test(publicKey))
    throw new ConfigError("DISCORD_PUBLIC_KEY", `must be 64 hex characters (got ${publicKey.length} characters)`);
  return { mode, port: parsePort(env, "PORT") ?? 8080, publicKey, token: readToken(env, false) };
}

export function readConfig(env: Env = processEnv()): Config {
  const transport = readTransport(env);

  const apiUrl = optional(env, "DISCORD_API_URL");
  if (apiUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(apiUrl)) {
    throw new ConfigError("DISCORD_API_URL", `must be an http(s) URL like https://discord.com/api (got "${apiUrl}")`);
  }

  const guildId = optional(env, "DISCORD_GUILD_ID");
  if (guildId !== undefined && !SNOWFLAKE.test(guildId))
    throw new ConfigError("DISCORD_GUILD_ID", `must be a server id, 17–20 digits (got "${guildId}")`);

  const logLevel = (optional(env, "LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")} (got "${logLevel}")`);
  }

  const roles = (optional(env, "MODERATOR_ROLE_IDS") ?? "")
    .split(",")
    .map((role) => role.trim())
    .filter((role) => role !== "");
  const badRole = roles.find((role) => !SNOWFLAKE.test(role));
  if (badRole !== undefined)
    throw new ConfigError("MODERATOR_ROLE_IDS", `must be a comma-separated list of role ids (got "${badRole}")`);

  return {
    transport,
    apiUrl: apiUrl?.replace(/\/+$/, ""),
    guildId,
    contentDir: readContentDir(env),
    logLevel: logLevel as LogLevel,
    moderatorRoleIds: new Set(roles),
    watchContent: parseBoolean(env, "WATCH_CONTENT", false),
    opsPort: parsePort(env, "HTTP_PORT"),
    quoteCooldown: readCooldown(env),
  };
}

/** QUOTE_COOLDOWN: `replies/seconds` (default 5/60), or `off`. */
function readCooldown(env: Env): { replies: number; seconds: number } | undefined {
  const text = (optional(env, "QUOTE_COOLDOWN") ?? "5/60").trim().toLowerCase();
  if (text === "off") return undefined;
  const [replies, seconds] = /^(\d{1,6})\/(\d{1,6})$/.exec(text)?.slice(1).map(Number) ?? [];
  if (replies === undefined || seconds === undefined || replies < 1 || seconds < 1)
    throw new ConfigError("QUOTE_COOLDOWN", `must be replies/seconds like 5/60, or off (got "${text}")`);
  return { replies, seconds };
}
