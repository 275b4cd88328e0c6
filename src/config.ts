/**
 * The only reader of the environment. Read once at start-up, every value validated; a bad or missing
 * setting fails fast with one line that names it. `.env` is loaded by dotenv (real variables win).
 * Over 300 lines because it is the one home of every setting: each one's parsing and its message are here.
 */
import { hostname } from "node:os";
import path from "node:path";
import { config as loadDotEnv } from "dotenv";
import { LOG_LEVELS, type LogLevel } from "./log.js";

/** How a gateway process relates to discord.js's ShardingManager. */
export type Sharding =
  /** One process with every shard, as without SHARD_COUNT. */
  | { readonly role: "single" }
  /** SHARD_COUNT is set: this process runs the ShardingManager, which spawns one process per shard. */
  | { readonly role: "manager"; readonly shardCount: number | "auto" }
  /** A process spawned by the ShardingManager (which sets SHARDING_MANAGER, SHARDS and SHARD_COUNT). */
  | { readonly role: "shard"; readonly shardIds: readonly number[]; readonly shardCount: number }
  /** SHARDS (or SHARDS_PER_POD) with SHARD_COUNT: this process runs these shards, other machines the rest. */
  | { readonly role: "slice"; readonly shardIds: readonly number[]; readonly shardCount: number };

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

/** Where the usage statistics are kept, or that none are (`STATS=off`). */
export type StatsSettings =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      /** SQLite: a file in DATA_DIR. PostgreSQL: DATABASE_URL, shared by replicas and shards. */
      readonly database:
        { readonly kind: "sqlite"; readonly file: string } | { readonly kind: "postgres"; readonly url: string };
      readonly retentionDays: number;
      /** How often the counts waiting in memory are written. */
      readonly flushMs: number;
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
  /** Settings given that this mode does not read, each with why: logged as warnings at start. */
  readonly ignored: readonly string[];
  readonly stats: StatsSettings;
  /**
   * Where members reach the web pages (`https://host` or `https://host/path`, no trailing slash): replies
   * then link to the line or question they show. Undefined: no links.
   */
  readonly publicUrl: string | undefined;
  /** Where attachments are downloaded from: Discord's CDN, or a stand-in (the tests' fake). */
  readonly cdnUrl: string;
  /** The remote repository the content follows (CONTENT_GIT_URL); undefined: the folder is the source. */
  readonly contentGit: ContentGit | undefined;
}

export interface ContentGit {
  readonly url: string;
  readonly branch: string;
  /** How often every process fetches the remote, in seconds. */
  readonly pollSeconds: number;
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

/** A whole number from `min` to `max`, or `fallback` when unset. */
function boundedInteger(env: Env, name: string, min: number, max: number, fallback: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d{1,9}$/.test(value) || number < min || number > max)
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  return number;
}

/** The usage statistics' settings: enough for the offline CLI too, which needs no token. */
export function readStatsSettings(env: Env = processEnv()): StatsSettings {
  if (!parseBoolean(env, "STATS", true)) return { enabled: false };
  const url = optional(env, "DATABASE_URL");
  if (url !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(url)) {
    // Never echo the URL: it may hold a password.
    throw new ConfigError("DATABASE_URL", "must be a PostgreSQL URL, postgres://user:password@host:5432/database");
  }
  return {
    enabled: true,
    database:
      url === undefined
        ? { kind: "sqlite", file: path.resolve(optional(env, "DATA_DIR") ?? "data", "verbatim.sqlite") }
        : { kind: "postgres", url },
    retentionDays: boundedInteger(env, "STATS_RETENTION_DAYS", 1, 3650, 90),
    flushMs: boundedInteger(env, "STATS_FLUSH_MS", 50, 600_000, 2000),
  };
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

/** SHARDS as a person writes it: one id (`3`), a range (`0-3`), or discord.js's JSON list (`[0,1]`). */
function slicedIds(text: string): number[] | undefined {
  const range = /^(\d{1,6})\s*-\s*(\d{1,6})$/.exec(text);
  if (range === null) return shardIdsOf(text);
  const [first, last] = [Number(range[1]), Number(range[2])];
  return first <= last ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : undefined;
}

/**
 * SHARDS_PER_POD: a StatefulSet pod's shards, from the ordinal its hostname ends with (`verbatim-gateway-2`
 * with 4 per pod runs 8–11), so that every pod runs the same spec.
 */
function podShardIds(env: Env, perPod: string): number[] {
  const size = positiveInteger(perPod);
  if (size === undefined) throw new ConfigError("SHARDS_PER_POD", `must be a positive whole number (got "${perPod}")`);
  const host = optional(env, "HOSTNAME") ?? hostname();
  const ordinal = /-(\d{1,6})$/.exec(host)?.[1];
  if (ordinal === undefined)
    throw new ConfigError(
      "SHARDS_PER_POD",
      `needs a StatefulSet pod's hostname, which ends in its ordinal like verbatim-gateway-0 (got "${host}")`,
    );
  return Array.from({ length: size }, (_, i) => Number(ordinal) * size + i);
}

/** SHARDS or SHARDS_PER_POD, checked against SHARD_COUNT; undefined when neither is set. */
function readSlice(env: Env, count: string | undefined): Sharding | undefined {
  const shards = optional(env, "SHARDS");
  const perPod = optional(env, "SHARDS_PER_POD");
  if (shards === undefined && perPod === undefined) return undefined;
  if (shards !== undefined && perPod !== undefined)
    throw new ConfigError("SHARDS", "and SHARDS_PER_POD name this process's shards twice: set one of them");
  const shardCount = positiveInteger(count ?? "");
  const setting = shards !== undefined ? "SHARDS" : "SHARDS_PER_POD";
  if (shardCount === undefined)
    throw new ConfigError(setting, "needs SHARD_COUNT, the number of shards on all machines together");
  const shardIds = shards !== undefined ? slicedIds(shards) : podShardIds(env, perPod ?? "");
  if (shardIds === undefined)
    throw new ConfigError("SHARDS", `must be a shard id, a range or a list, like 3, 0-3 or [0,1] (got "${shards}")`);
  const outside = shardIds.find((id) => id >= shardCount);
  if (outside !== undefined)
    throw new ConfigError(
      setting,
      `names shard ${outside}, but SHARD_COUNT is ${shardCount} (ids run from 0 to ${shardCount - 1})`,
    );
  return { role: "slice", shardIds: [...new Set(shardIds)], shardCount };
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
  const slice = readSlice(env, count);
  if (slice !== undefined) return slice;
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

/** Settings only one mode reads, and what to say when one is set for the other mode. */
const MODE_ONLY_SETTINGS: readonly { name: string; mode: Transport["mode"]; instead: string }[] = [
  { name: "HTTP_PORT", mode: "gateway", instead: "with MODE=http, /healthz, /metrics and the web pages are on PORT" },
  {
    name: "PORT",
    mode: "http",
    instead: "it is MODE=http's port; in gateway mode HTTP_PORT serves /healthz, /metrics and the web pages",
  },
  { name: "DISCORD_PUBLIC_KEY", mode: "http", instead: "it checks the signed requests of MODE=http" },
  { name: "SHARDS", mode: "gateway", instead: "there are no shards, run more replicas instead" },
  { name: "SHARDS_PER_POD", mode: "gateway", instead: "there are no shards, run more replicas instead" },
];

function ignoredSettings(env: Env, mode: Transport["mode"]): string[] {
  return MODE_ONLY_SETTINGS.filter((setting) => setting.mode !== mode && optional(env, setting.name) !== undefined).map(
    (setting) => `${setting.name} is ignored in ${mode} mode: ${setting.instead}`,
  );
}

/** An http(s) address without query or fragment, trailing slashes dropped. */
function readPublicUrl(env: Env): string | undefined {
  const value = optional(env, "PUBLIC_URL");
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || !["http:", "https:"].includes(url.protocol) || url.search !== "" || url.hash !== "")
    throw new ConfigError(
      "PUBLIC_URL",
      `must be an http(s) address like https://verbatim.example.org (got "${value}")`,
    );
  return url.href.replace(/\/+$/, "");
}

function readCdnUrl(env: Env): string {
  const url = optional(env, "DISCORD_CDN_URL") ?? "https://cdn.discordapp.com";
  if (!/^https?:\/\/[^\s/]+/.test(url))
    throw new ConfigError("DISCORD_CDN_URL", `must be an http(s) URL like https://cdn.discordapp.com (got "${url}")`);
  return url.replace(/\/+$/, "");
}

function readContentGit(env: Env): ContentGit | undefined {
  const url = optional(env, "CONTENT_GIT_URL");
  if (url === undefined) return undefined;
  const branch = optional(env, "CONTENT_GIT_BRANCH") ?? "main";
  // A branch name git accepts and that cannot be read as an option.
  if (!/^[\w][\w./-]{0,200}$/.test(branch) || branch.includes(".."))
    throw new ConfigError("CONTENT_GIT_BRANCH", `must be a branch name (got "${branch}")`);
  const poll = optional(env, "CONTENT_POLL_SECONDS") ?? "60";
  const pollSeconds = positiveInteger(poll);
  if (pollSeconds === undefined)
    throw new ConfigError("CONTENT_POLL_SECONDS", `must be a whole number of seconds, 1 or more (got "${poll}")`);
  if (url.startsWith("-")) throw new ConfigError("CONTENT_GIT_URL", `must be a repository address (got "${url}")`);
  return { url, branch, pollSeconds };
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
    quoteCooldown: readCooldown(env),
    opsPort: transport.mode === "gateway" ? parsePort(env, "HTTP_PORT") : undefined,
    ignored: ignoredSettings(env, transport.mode),
    stats: readStatsSettings(env),
    publicUrl: readPublicUrl(env),
    cdnUrl: readCdnUrl(env),
    contentGit: readContentGit(env),
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
