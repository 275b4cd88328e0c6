/**
 * A fake Discord for end-to-end tests: REST (`/api/v10/…`) and a JSON WebSocket gateway on one
 * 127.0.0.1 port, good enough for the real discord.js 14 client to log in, receive interactions and
 * answer them. Everything is recorded for assertions, and faults can be injected on both sides.
 *
 * Usage: `const fake = await FakeDiscord.start(); new Client({ rest: { api: fake.apiUrl }, … })`.
 * See test/e2e/README.md.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import { PermissionFlagsBits } from "discord-api-types/v10";

// ─── Public types ────────────────────────────────────────────────────────────────────────────────

export interface FakeDiscordOptions {
  /** `shards` recommended by `GET /gateway/bot` (what `shards: 'auto'` uses). Default 1. */
  shards?: number;
  /** `session_start_limit.max_concurrency`. Default 1, like a small bot. */
  maxConcurrency?: number;
  /** HELLO's heartbeat interval. Default 2000 ms (Discord: ~41 s) so tests stay quick. */
  heartbeatIntervalMs?: number;
  /** When set, REST `Authorization: Bot <token>` and IDENTIFY/RESUME tokens must match it (401 / close 4004). */
  token?: string;
  /** Application id, also the bot user's id. */
  applicationId?: string;
  botUsername?: string;
  /** Guilds the bot is in. Default: one guild with a #general text channel and Moderator/Manager roles. */
  guilds?: FakeGuildSpec[];
  /** Accept privileged intents (GuildMembers, GuildPresences, MessageContent) instead of closing with 4014. */
  allowPrivilegedIntents?: boolean;
  /** Answer callbacks later than this after dispatch with 404 Unknown interaction (Discord: 3000). Default off. */
  callbackDeadlineMs?: number;
  /** Default timeout of `sendInteraction`. Default 5000 ms. */
  interactionTimeoutMs?: number;
  /** Reject messages/choices/commands that break Discord's limits with 400 (50035), as Discord does. Default true. */
  validate?: boolean;
}

export interface FakeGuildSpec {
  id?: string;
  name?: string;
  ownerId?: string;
  channels?: { id?: string; name?: string; type?: number }[];
  /** Roles besides @everyone (whose id is the guild id and whose permissions are `PERMISSIONS.member`). */
  roles?: { id?: string; name: string; permissions?: bigint | string }[];
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: { id: string; name: string; type: number }[];
  roles: { id: string; name: string; permissions: string }[];
}

export interface RawUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
  [key: string]: unknown;
}

export interface RawCommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: RawCommandOption[];
}

/** Raw INTERACTION_CREATE data (loosely typed on purpose: fuzz tests mangle it). */
export interface InteractionPayload {
  id: string;
  application_id: string;
  type: number;
  token: string;
  version: number;
  data?: Record<string, unknown>;
  guild_id?: string;
  channel_id?: string;
  channel?: Record<string, unknown>;
  member?: { user: RawUser; roles: string[]; permissions: string; [key: string]: unknown };
  user?: RawUser;
  message?: RawMessage;
  locale?: string;
  app_permissions?: string;
  entitlements?: unknown[];
  authorizing_integration_owners?: Record<string, string>;
  context?: number;
  [key: string]: unknown;
}

export interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

/** The `data` of a callback, follow-up or edit: the message fields, or autocomplete `choices`. */
export interface MessageData {
  content?: string;
  embeds?: Record<string, unknown>[];
  components?: Record<string, unknown>[];
  flags?: number;
  allowed_mentions?: AllowedMentions;
  choices?: { name: string; value: string | number }[];
  [key: string]: unknown;
}

/** A `POST /interactions/{id}/{token}/callback` body. */
export interface InteractionCallback {
  type: number;
  data?: MessageData;
}

export interface RawMessage {
  id: string;
  type: number;
  channel_id: string;
  content: string;
  flags: number;
  embeds: unknown[];
  components: unknown[];
  [key: string]: unknown;
}

/** Who a message would notify, given its content and `allowed_mentions` (Discord's rules). */
export interface Pings {
  users: string[];
  roles: string[];
  everyone: boolean;
}

export interface RecordedRequest {
  seq: number;
  time: number;
  method: string;
  /** The path as it arrived (e.g. `…/messages/%40original`). */
  rawPath: string;
  /** Decoded path without the `/api/v10` prefix, e.g. `/webhooks/1/abc/messages/@original`. */
  path: string;
  /** The route template that matched, e.g. `/interactions/:id/:token/callback`; null when unknown. */
  route: string | null;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (for multipart, its `payload_json`); undefined when there was none. */
  body: unknown;
  /** File part names of a multipart body. */
  files?: string[];
  /** Set when the interaction the path refers to is known to the fake. */
  interactionId?: string;
  interactionToken?: string;
  /** Response, filled in when answered. */
  status?: number;
  response?: unknown;
  durationMs?: number;
  /** Description of the injected fault that answered or delayed this request. */
  fault?: string;
  /** Why the fake refused the body (Discord limits), when it did. */
  errors?: string[];
  /** For message-bearing requests: who the message would ping. */
  pings?: Pings;
}

export type RequestMatcher = { method?: string; path?: string | RegExp } | ((request: RecordedRequest) => boolean);

export type RestFault =
  /** Answer with this status (default 500) instead of serving the request. */
  | { kind: "status"; status?: number; body?: unknown }
  /** Answer 429 with `retry_after` and the rate-limit headers @discordjs/rest reads. */
  | { kind: "rateLimit"; retryAfterMs?: number; global?: boolean; scope?: "user" | "global" | "shared" }
  /** Wait, then serve the request normally. */
  | { kind: "delay"; delayMs: number };

export type FaultSpec = RestFault & {
  /** Which requests it applies to; default: any. A string matches the path or the route template. */
  match?: RequestMatcher;
  /** How many matching requests it hits. Default 1. */
  times?: number;
};

export interface QueuedFault {
  readonly spec: FaultSpec;
  /** How many requests it has hit so far. */
  hits: number;
}

export interface ConnectionRecord {
  id: number;
  /** Path and query of the upgrade request, e.g. `/gateway?v=10&encoding=json`. */
  url: string;
  query: Record<string, string>;
  openedAt: number;
  shardId: number | null;
  sessionId: string | null;
  closedAt?: number;
  closeCode?: number;
  /** Who closed it: the fake (a fault control or a protocol error) or the client. */
  closedBy?: "fake" | "client";
}

export interface IdentifyRecord {
  time: number;
  connectionId: number;
  shard: [number, number];
  intents: number;
  token: string;
  /** The whole IDENTIFY `d`. */
  data: Record<string, unknown>;
}

export interface ResumeRecord {
  time: number;
  connectionId: number;
  sessionId: string;
  seq: number;
  ok: boolean;
  /** How many buffered events were replayed. */
  replayed: number;
}

export interface GatewayLogEntry {
  time: number;
  connectionId: number;
  shardId: number | null;
  direction: "in" | "out";
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
}

export interface InteractionRecord {
  payload: InteractionPayload;
  dispatchedAt?: number;
  shardId?: number;
  /** The accepted callback, if any. */
  callback?: InteractionCallback;
  callbackAt?: number;
  /** Callbacks the fake refused (limits, double acknowledgement, deadline, injected faults). */
  rejectedCallbacks: { status: number; body: unknown; errors: string[] }[];
  /** The original response message, as it stands after edits; null after DELETE. */
  original?: RawMessage | null;
  followups: RawMessage[];
}

export interface SendInteractionOptions {
  /** Shard to dispatch on. Default: the guild's shard (`(guild_id >> 22) % shardCount`), or 0 for DMs. */
  shard?: number;
  timeoutMs?: number;
}

interface InteractionCommon {
  /** Default: the first guild. Ignored with `dm`. */
  guildId?: string;
  /** Default: the guild's first channel (or a new DM channel id). */
  channelId?: string;
  /** A DM with the bot: `user` instead of `member`, no guild, `context: 1`. */
  dm?: boolean;
  user?: Partial<RawUser>;
  /** Member role ids. */
  roles?: string[];
  /** Member permissions; default computed from @everyone and `roles` (Administrator → all). */
  permissions?: bigint | string;
  appPermissions?: bigint | string;
  locale?: string;
  /** Shallow-merged over the built payload last (fuzzing: add, replace, or set undefined to drop). */
  overrides?: Record<string, unknown>;
}

export type OptionInput = Record<string, string | number | boolean> | RawCommandOption[];

export type InteractionSpec =
  | ({ kind: "command"; name: string; options?: OptionInput; subcommand?: string; subcommandGroup?: string } & InteractionCommon)
  | ({
      kind: "autocomplete";
      name: string;
      /** Name of the focused option. */
      focused: string;
      /** What the user has typed so far. */
      value: string;
      options?: OptionInput;
      subcommand?: string;
      subcommandGroup?: string;
    } & InteractionCommon)
  | ({ kind: "button"; customId: string; message?: RawMessage } & InteractionCommon);

// ─── Constants and small pure helpers ───────────────────────────────────────────────────────────

const P = PermissionFlagsBits;
const ALL_PERMISSIONS = Object.values(P).reduce((all, bit) => all | bit, 0n);

/** Permission strings for building members. */
export const PERMISSIONS = {
  member: (
    P.CreateInstantInvite | P.AddReactions | P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles |
    P.ReadMessageHistory | P.UseExternalEmojis | P.Connect | P.Speak | P.ChangeNickname |
    P.UseApplicationCommands | P.SendMessagesInThreads
  ).toString(),
  manageGuild: P.ManageGuild.toString(),
  administrator: ALL_PERMISSIONS.toString(),
} as const;

const BOT_CHANNEL_PERMISSIONS = (
  P.AddReactions | P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory |
  P.UseExternalEmojis | P.UseApplicationCommands | P.SendMessagesInThreads
).toString();

/** Intents Discord refuses (close 4014) unless enabled in the developer portal. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeIncrement = 0n;

/** A fresh time-based snowflake (19 digits today). */
export function snowflake(at: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | (BigInt(process.pid & 0x1f) << 12n) | snowflakeIncrement).toString();
}

/** The shard Discord routes a guild's events to. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shardCount)));
}

const MENTION_USER = /<@!?(\d{15,21})>/g;
const MENTION_ROLE = /<@&(\d{15,21})>/g;
const MENTION_EVERYONE = /@(everyone|here)\b/;

/** Collects every `content` string of a message body, including Components V2 text displays. */
function contentsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) contentsOf(item, out);
  else if (isRecord(value)) {
    if (typeof value.content === "string") out.push(value.content);
    if (Array.isArray(value.components)) contentsOf(value.components, out);
    if (isRecord(value.accessory)) contentsOf(value.accessory, out);
  }
  return out;
}

/**
 * Who a message body would ping under Discord's allowed-mentions rules: without `allowed_mentions`
 * every mention in the content pings; with it, only what `parse` or the `users`/`roles` lists allow.
 * Embeds never ping. Role/everyone permissions are not modelled (counted as pinging: conservative).
 */
export function pingsOf(body: unknown): Pings {
  const pings: Pings = { users: [], roles: [], everyone: false };
  if (!isRecord(body)) return pings;
  const text = contentsOf(body).join("\n");
  const am = isRecord(body.allowed_mentions) ? (body.allowed_mentions as AllowedMentions) : undefined;
  const parse = am ? (Array.isArray(am.parse) ? am.parse : []) : ["users", "roles", "everyone"];
  const userList = Array.isArray(am?.users) ? am.users : [];
  const roleList = Array.isArray(am?.roles) ? am.roles : [];
  for (const [, id] of text.matchAll(MENTION_USER)) {
    if (id && (parse.includes("users") || userList.includes(id)) && !pings.users.includes(id)) pings.users.push(id);
  }
  for (const [, id] of text.matchAll(MENTION_ROLE)) {
    if (id && (parse.includes("roles") || roleList.includes(id)) && !pings.roles.includes(id)) pings.roles.push(id);
  }
  pings.everyone = parse.includes("everyone") && MENTION_EVERYONE.test(text);
  return pings;
}

export function hasPings(pings: Pings | undefined): boolean {
  return !!pings && (pings.users.length > 0 || pings.roles.length > 0 || pings.everyone);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

// Message flags Discord accepts on interaction responses and webhook messages.
const FLAG_SUPPRESS_EMBEDS = 1 << 2;
const FLAG_EPHEMERAL = 1 << 6;
const FLAG_LOADING = 1 << 7;
const FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12;
const FLAG_COMPONENTS_V2 = 1 << 15;
const SENDABLE_FLAGS = FLAG_SUPPRESS_EMBEDS | FLAG_EPHEMERAL | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_COMPONENTS_V2;

/**
 * Discord's message limits; returns one line per violation (empty = valid). Lengths are UTF-16
 * units (JS `.length`), the stricter reading: what passes here passes on Discord.
 */
export function messageErrors(data: unknown, { requireContent }: { requireContent: boolean }): string[] {
  const errors: string[] = [];
  if (!isRecord(data)) return requireContent ? ["data: a message object is required"] : [];
  const { content, embeds, components, flags, allowed_mentions: am } = data;
  if (content !== undefined && content !== null) {
    if (typeof content !== "string") errors.push("content: must be a string");
    else if (content.length > 2000) errors.push(`content: ${content.length} characters, more than 2000`);
  }
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) errors.push("embeds: must be an array");
    else {
      if (embeds.length > 10) errors.push(`embeds: ${embeds.length}, more than 10`);
      let total = 0;
      embeds.forEach((embed, i) => {
        if (!isRecord(embed)) return void errors.push(`embeds[${i}]: must be an object`);
        const limit = (path: string, value: unknown, max: number): void => {
          const n = str(value).length;
          total += n;
          if (n > max) errors.push(`embeds[${i}].${path}: ${n} characters, more than ${max}`);
        };
        limit("title", embed.title, 256);
        limit("description", embed.description, 4096);
        if (isRecord(embed.footer)) limit("footer.text", embed.footer.text, 2048);
        if (isRecord(embed.author)) limit("author.name", embed.author.name, 256);
        const links: [string, unknown][] = [["url", embed.url], ["author.url", isRecord(embed.author) ? embed.author.url : undefined]];
        for (const [path, url] of links) {
          const error = embedUrlError(url);
          if (error) errors.push(`embeds[${i}].${path}: ${error}`);
        }
        const fields = Array.isArray(embed.fields) ? embed.fields : [];
        if (fields.length > 25) errors.push(`embeds[${i}].fields: ${fields.length}, more than 25`);
        fields.forEach((field: unknown, j) => {
          const f = isRecord(field) ? field : {};
          // Discord trims field names and values: whitespace alone is empty.
          if (!str(f.name).trim()) errors.push(`embeds[${i}].fields[${j}].name: required`);
          if (!str(f.value).trim()) errors.push(`embeds[${i}].fields[${j}].value: required`);
          limit(`fields[${j}].name`, f.name, 256);
          limit(`fields[${j}].value`, f.value, 1024);
        });
      });
      if (total > 6000) errors.push(`embeds: ${total} characters in total, more than 6000`);
    }
  }
  const flagBits = typeof flags === "number" ? flags : 0;
  if (flags !== undefined && flags !== null && (typeof flags !== "number" || (flagBits & ~SENDABLE_FLAGS) !== 0)) {
    errors.push(`flags: ${String(flags)} contains flags a message cannot be sent with`);
  }
  if (components !== undefined && components !== null) {
    if (!Array.isArray(components)) errors.push("components: must be an array");
    else if ((flagBits & FLAG_COMPONENTS_V2) === 0) errors.push(...actionRowErrors(components));
  }
  if (isRecord(am)) {
    const parse = Array.isArray(am.parse) ? am.parse : [];
    if (parse.includes("users") && Array.isArray(am.users) && am.users.length > 0) {
      errors.push("allowed_mentions: parse 'users' and a users list are mutually exclusive");
    }
    if (parse.includes("roles") && Array.isArray(am.roles) && am.roles.length > 0) {
      errors.push("allowed_mentions: parse 'roles' and a roles list are mutually exclusive");
    }
  }
  if (requireContent) {
    const empty =
      !str(content) &&
      !(Array.isArray(embeds) && embeds.length > 0) &&
      !(Array.isArray(components) && components.length > 0) &&
      !(Array.isArray(data.attachments) && data.attachments.length > 0) &&
      data.poll === undefined;
    if (empty) errors.push("Cannot send an empty message (50006)");
  }
  return errors;
}

/** Discord's checks on an embed link ("Not a well formed URL."), or undefined when it passes. */
function embedUrlError(url: unknown): string | undefined {
  if (url === undefined || url === null) return undefined;
  if (typeof url !== "string") return "must be a string";
  if (url.length > 2048) return `${url.length} characters, more than 2048`;
  if (!URL.canParse(url)) return "Not a well formed URL.";
  const { protocol, hostname } = new URL(url);
  if (protocol !== "http:" && protocol !== "https:") return `Scheme "${protocol.slice(0, -1)}" is not supported. Scheme must be one of ('http', 'https').`;
  if (!hostname.includes(".")) return "Not a well formed URL.";
  return undefined;
}

function actionRowErrors(rows: unknown[]): string[] {
  const errors: string[] = [];
  const customIds = new Set<string>();
  if (rows.length > 5) errors.push(`components: ${rows.length} action rows, more than 5`);
  rows.forEach((row, i) => {
    if (!isRecord(row) || row.type !== 1 || !Array.isArray(row.components)) {
      return void errors.push(`components[${i}]: must be an action row (type 1) with components`);
    }
    const children = row.components as unknown[];
    const selects = children.filter((c) => isRecord(c) && c.type !== 2).length;
    if (children.length === 0 || children.length > 5) errors.push(`components[${i}]: ${children.length} components, must be 1-5`);
    if (selects > 0 && children.length > 1) errors.push(`components[${i}]: a select menu must be alone in its row`);
    children.forEach((child, j) => {
      const where = `components[${i}].components[${j}]`;
      if (!isRecord(child)) return void errors.push(`${where}: must be an object`);
      const customId = child.custom_id;
      const isLink = child.type === 2 && (child.style === 5 || child.style === 6);
      if (!isLink) {
        if (typeof customId !== "string" || customId.length === 0) errors.push(`${where}.custom_id: required`);
        else {
          if (customId.length > 100) errors.push(`${where}.custom_id: ${customId.length} characters, more than 100`);
          if (customIds.has(customId)) errors.push(`${where}.custom_id: duplicate "${customId}"`);
          customIds.add(customId);
        }
      }
      if (child.type === 2) {
        if (str(child.label).length > 80) errors.push(`${where}.label: more than 80 characters`);
        if (typeof child.style !== "number" || child.style < 1 || child.style > 6) errors.push(`${where}.style: invalid`);
        if (!str(child.label) && !isRecord(child.emoji) && child.style !== 6) errors.push(`${where}: a button needs a label or an emoji`);
      } else if (child.type === 3) {
        const options = Array.isArray(child.options) ? child.options : [];
        if (options.length === 0 || options.length > 25) errors.push(`${where}.options: ${options.length}, must be 1-25`);
        options.forEach((option: unknown, k) => {
          const o = isRecord(option) ? option : {};
          for (const key of ["label", "value", "description"]) {
            if (str(o[key]).length > 100) errors.push(`${where}.options[${k}].${key}: more than 100 characters`);
          }
        });
      }
      if (str(child.placeholder).length > 150) errors.push(`${where}.placeholder: more than 150 characters`);
    });
  });
  return errors;
}

function choiceErrors(data: unknown): string[] {
  if (!isRecord(data) || !Array.isArray(data.choices)) return ["data.choices: required for an autocomplete result"];
  const errors: string[] = [];
  if (data.choices.length > 25) errors.push(`data.choices: ${data.choices.length}, more than 25`);
  data.choices.forEach((choice: unknown, i) => {
    const c = isRecord(choice) ? choice : {};
    const name = str(c.name).length;
    if (name < 1 || name > 100) errors.push(`data.choices[${i}].name: ${name} characters, must be 1-100`);
    if (typeof c.value === "string") {
      if (c.value.length > 100) errors.push(`data.choices[${i}].value: more than 100 characters`);
    } else if (typeof c.value !== "number") errors.push(`data.choices[${i}].value: must be a string or a number`);
  });
  return errors;
}

const COMMAND_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** The checks Discord applies to command definitions that a bot is most likely to trip. */
function commandErrors(commands: unknown): string[] {
  if (!Array.isArray(commands)) return ["body: must be an array of commands"];
  const errors: string[] = [];
  const seen = new Set<string>();
  if (commands.filter((c) => isRecord(c) && (c.type ?? 1) === 1).length > 100) errors.push("more than 100 chat-input commands");
  commands.forEach((command, i) => {
    if (!isRecord(command)) return void errors.push(`${i}: must be an object`);
    const type = command.type ?? 1;
    const name = str(command.name);
    const key = `${String(type)}:${name}`;
    if (seen.has(key)) errors.push(`${i}.name: duplicate "${name}"`);
    seen.add(key);
    if (type === 1) {
      errors.push(...optionErrors(`${i}`, command));
    } else if (name.length < 1 || name.length > 32) errors.push(`${i}.name: must be 1-32 characters`);
  });
  return errors;
}

function optionErrors(where: string, item: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const name = str(item.name);
  if (!COMMAND_NAME.test(name) || name !== name.toLowerCase()) errors.push(`${where}.name: "${name}" is not a valid lowercase name`);
  const description = str(item.description).length;
  if (description < 1 || description > 100) errors.push(`${where}.description: ${description} characters, must be 1-100`);
  if (Array.isArray(item.choices)) {
    if (item.choices.length > 25) errors.push(`${where}.choices: more than 25`);
    if (item.autocomplete === true && item.choices.length > 0) errors.push(`${where}: autocomplete and choices are exclusive`);
  }
  const options = item.options;
  if (options === undefined || options === null) return errors;
  if (!Array.isArray(options)) return [...errors, `${where}.options: must be an array`];
  if (options.length > 25) errors.push(`${where}.options: more than 25`);
  let optionalSeen = false;
  const names = new Set<string>();
  options.forEach((option: unknown, j) => {
    if (!isRecord(option)) return void errors.push(`${where}.options[${j}]: must be an object`);
    const isGroup = option.type === 1 || option.type === 2;
    if (!isGroup) {
      if (option.required === true && optionalSeen) errors.push(`${where}.options[${j}]: required options must come before optional ones`);
      if (option.required !== true) optionalSeen = true;
    }
    if (names.has(str(option.name))) errors.push(`${where}.options[${j}].name: duplicate`);
    names.add(str(option.name));
    errors.push(...optionErrors(`${where}.options[${j}]`, option));
  });
  return errors;
}

// ─── Waiting for things that may already have happened ─────────────────────────────────────────

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Resolves a waiter with the first matching item, past (given) or future (offered). */
class WaitList<T> {
  private readonly waiters = new Set<Waiter<T>>();

  wait(past: Iterable<T>, predicate: (item: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    for (const item of past) if (predicate(item)) return Promise.resolve(item);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(describeTimeout()));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  offer(item: T): void {
    for (const waiter of [...this.waiters]) {
      let matched: boolean;
      try {
        matched = waiter.predicate(item);
      } catch (error) {
        this.settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matched) {
        this.settle(waiter);
        waiter.resolve(item);
      }
    }
  }

  rejectAll(error: Error): void {
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(error);
    }
  }

  private settle(waiter: Waiter<T>): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }
}

// ─── Gateway internals ──────────────────────────────────────────────────────────────────────────

interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

interface Session {
  id: string;
  shardId: number;
  shardCount: number;
  seq: number;
  /** Dispatched events kept for RESUME replay. */
  events: GatewayPayload[];
  connection: Connection | null;
  /** Highest sequence dropped from `events`: a RESUME from before it cannot be replayed. */
  truncatedThrough: number;
  /** False once replaced by a new IDENTIFY or invalidated; RESUME then gets op 9. */
  valid: boolean;
}

interface Connection {
  record: ConnectionRecord;
  ws: WebSocket;
  session: Session | null;
  /** Identified/resumed and not told to go away: dispatches are sent, not only buffered. */
  ready: boolean;
  /** Has sent IDENTIFY/RESUME that is still in force (a second one closes with 4005). */
  authenticated: boolean;
  ackHeartbeats: boolean;
}

const MAX_BUFFERED_EVENTS = 1000;

// ─── REST internals ─────────────────────────────────────────────────────────────────────────────

interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteContext {
  request: RecordedRequest;
  params: Record<string, string>;
}

interface Route {
  method: string;
  template: string;
  segments: string[];
  /** Needs `Authorization: Bot …` (interaction callbacks and webhooks do not). */
  auth: boolean;
  handle: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

function discordError(status: number, code: number, message: string, errors?: string[]): RouteResult {
  return { status, body: { message, code, ...(errors ? { errors } : {}) } };
}

type StoredCommand = Record<string, unknown> & { id: string; name: string; type: number };

// ─── The fake ───────────────────────────────────────────────────────────────────────────────────

/**
 * Events: `request` (RecordedRequest, once answered), `gateway` (GatewayLogEntry),
 * `identify` (IdentifyRecord), `resume` (ResumeRecord).
 */
export class FakeDiscord extends EventEmitter {
  readonly applicationId: string;
  readonly botUser: RawUser;
  readonly guilds: FakeGuild[];
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  readonly connections: ConnectionRecord[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly gatewayLog: GatewayLogEntry[] = [];
  /** Queued REST faults (consumed ones stay, with `hits`). */
  readonly faults: QueuedFault[] = [];

  /** Recommended shard count served by `GET /gateway/bot`; may be changed between logins. */
  shards: number;

  private readonly options: Required<Pick<FakeDiscordOptions, "maxConcurrency" | "heartbeatIntervalMs" | "interactionTimeoutMs" | "validate" | "allowPrivilegedIntents">> &
    Pick<FakeDiscordOptions, "token" | "callbackDeadlineMs">;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly live = new Set<Connection>();
  private readonly sessionsByShard = new Map<number, Session>();
  private readonly sessionsById = new Map<string, Session>();
  private readonly interactionsById = new Map<string, InteractionRecord>();
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private readonly messages = new Map<string, RawMessage>();
  /** Stored commands: key "global" or a guild id. */
  private readonly commandStore = new Map<string, StoredCommand[]>();
  private readonly routes: Route[];
  private readonly requestWaiters = new WaitList<RecordedRequest>();
  private readonly gatewayWaiters = new WaitList<GatewayLogEntry>();
  private readonly callbackWaiters = new WaitList<InteractionRecord>();
  private readonly readyWaiters = new WaitList<number>();
  private readonly closing = new AbortController();
  private nextConnectionId = 1;
  private nextRequestSeq = 1;
  private port = 0;
  private closed: Promise<void> | null = null;

  /** Starts a fake listening on 127.0.0.1 with an ephemeral port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await fake.listen();
    return fake;
  }

  private constructor(options: FakeDiscordOptions) {
    super();
    this.shards = options.shards ?? 1;
    this.options = {
      maxConcurrency: options.maxConcurrency ?? 1,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 2000,
      interactionTimeoutMs: options.interactionTimeoutMs ?? 5000,
      validate: options.validate ?? true,
      allowPrivilegedIntents: options.allowPrivilegedIntents ?? false,
      token: options.token,
      callbackDeadlineMs: options.callbackDeadlineMs,
    };
    this.applicationId = options.applicationId ?? "1187654321098765432";
    this.botUser = {
      id: this.applicationId,
      username: options.botUsername ?? "Verbatim",
      discriminator: "0000",
      global_name: null,
      avatar: null,
      bot: true,
      flags: 0,
      verified: true,
      mfa_enabled: false,
    };
    this.guilds = (options.guilds ?? [{}]).map((spec, i) => this.resolveGuild(spec, i));
    this.routes = this.buildRoutes();
    this.server = createServer((req, res) => void this.onHttp(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket as Socket, head));
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** REST base for discord.js `rest: { api }` / `DISCORD_API_URL` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** What `GET /gateway/bot` hands out; discord.js appends `?v=10&encoding=json`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** The default ids tests need: first guild, its first channel, its roles by name, a plain member. */
  get ids(): { application: string; bot: string; guild: string; channel: string; owner: string; user: string; role: (name: string) => string } {
    const guild = this.guilds[0];
    if (!guild) throw new Error("fake-discord: no guilds configured");
    return {
      application: this.applicationId,
      bot: this.botUser.id,
      guild: guild.id,
      channel: guild.channels[0]?.id ?? "",
      owner: guild.ownerId,
      user: DEFAULT_USER.id,
      role: (name: string) => {
        const role = guild.roles.find((r) => r.name === name);
        if (!role) throw new Error(`fake-discord: guild ${guild.id} has no role named "${name}" (has ${guild.roles.map((r) => r.name).join(", ")})`);
        return role.id;
      },
    };
  }

  // ─── Shutdown ──────────────────────────────────────────────────────────────────────────────────

  /** Closes the server and every socket at once (no graceful close: tests must not wait on it). */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort();
      const error = new Error("fake-discord: closed");
      for (const list of [this.requestWaiters, this.gatewayWaiters, this.callbackWaiters, this.readyWaiters]) list.rejectAll(error);
      for (const connection of this.live) connection.ws.terminate();
      this.wss.close();
      const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeAllConnections();
      for (const socket of this.sockets) socket.destroy();
      await done;
    })();
    return this.closed;
  }

  // ─── Recording and waiting ─────────────────────────────────────────────────────────────────────

  /** Resolves with the first REST request (already answered, past or future) matching `predicate`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.requestWaiters.wait(
      this.requests.filter((r) => r.status !== undefined),
      predicate,
      timeoutMs,
      () => `fake-discord: no matching REST request within ${timeoutMs} ms; last requests: ${this.describeRecentRequests()}`,
    );
  }

  /** Resolves with the first `PATCH …/messages/@original` for this interaction (past or future). */
  waitForOriginalEdit(interactionId: string, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitForRequest(
      (r) => r.method === "PATCH" && r.interactionId === interactionId && r.path.endsWith("/messages/@original"),
      timeoutMs,
    );
  }

  /** Resolves with the first gateway payload (either direction, past or future) matching `predicate`. */
  waitForGateway(predicate: (entry: GatewayLogEntry) => boolean, timeoutMs = 5000): Promise<GatewayLogEntry> {
    return this.gatewayWaiters.wait(this.gatewayLog, predicate, timeoutMs, () => `fake-discord: no matching gateway payload within ${timeoutMs} ms`);
  }

  /** Resolves once `shardId` has an identified or resumed connection that dispatches are sent to. */
  async waitForShardReady(shardId: number, timeoutMs = 5000): Promise<void> {
    await this.readyWaiters.wait(
      this.isShardReady(shardId) ? [shardId] : [],
      (id) => id === shardId && this.isShardReady(shardId),
      timeoutMs,
      () => `fake-discord: shard ${shardId} did not become ready within ${timeoutMs} ms (${this.describeShard(shardId)})`,
    );
  }

  isShardReady(shardId: number): boolean {
    const connection = this.sessionsByShard.get(shardId)?.connection;
    return !!connection && connection.ready && connection.ws.readyState === WebSocket.OPEN;
  }

  /** Requests that matched no route (answered 404/405). */
  get unknownRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.route === null);
  }

  /** Everything the bot has sent that would ping someone. */
  get pingingRequests(): RecordedRequest[] {
    return this.requests.filter((r) => hasPings(r.pings));
  }

  interaction(id: string): InteractionRecord | undefined {
    return this.interactionsById.get(id);
  }

  /** The stored commands, global or of one guild, as `GET …/commands` would return them. */
  commands(guildId?: string): StoredCommand[] {
    return structuredClone(this.commandStore.get(guildId ?? "global") ?? []);
  }

  /** Pre-registers commands as if an earlier deploy had PUT them. */
  seedCommands(definitions: Record<string, unknown>[], guildId?: string): StoredCommand[] {
    this.commandStore.set(guildId ?? "global", this.overwriteCommands(definitions, guildId));
    return this.commands(guildId);
  }

  /** Forgets recorded requests, gateway history and queued faults (not sessions, commands or interactions). */
  clearRecords(): void {
    for (const list of [this.requests, this.connections, this.identifies, this.resumes, this.gatewayLog, this.faults] as unknown[][]) list.length = 0;
  }

  // ─── Gateway: dispatch and fault controls ──────────────────────────────────────────────────────

  /**
   * Sends a dispatch event on a shard's session. If the socket is down or reconnecting, the event is
   * buffered and replayed on RESUME (like Discord); a fresh IDENTIFY loses it. Returns its sequence.
   */
  dispatch(shardId: number, event: string, data: unknown): number {
    const session = this.sessionsByShard.get(shardId);
    if (!session || !session.valid) throw new Error(`fake-discord: cannot dispatch ${event}: ${this.describeShard(shardId)}`);
    const payload: GatewayPayload = { op: 0, t: event, s: ++session.seq, d: data };
    session.events.push(payload);
    if (session.events.length > MAX_BUFFERED_EVENTS) session.truncatedThrough = session.events.shift()?.s ?? 0;
    const connection = session.connection;
    if (connection?.ready) this.send(connection, payload);
    return payload.s ?? 0;
  }

  /** Closes a shard's socket with `code` (4000: resumable; 1000: the client re-identifies). */
  closeShard(shardId: number, code = 4000, reason = "fake-discord: closed by the test"): void {
    const connection = this.liveConnection(shardId, "close");
    connection.record.closedBy = "fake";
    this.markGone(connection);
    connection.ws.close(code, reason);
  }

  /** Drops a shard's TCP connection without a close frame; the client sees 1006 and resumes. */
  terminateShard(shardId: number): void {
    const connection = this.liveConnection(shardId, "terminate");
    connection.record.closedBy = "fake";
    this.markGone(connection);
    connection.ws.terminate();
  }

  /** Sends op 7 RECONNECT: the client closes, reconnects to `resume_gateway_url` and resumes. */
  requestReconnect(shardId: number): void {
    const connection = this.liveConnection(shardId, "send op 7 to");
    connection.ready = false;
    this.send(connection, { op: 7, d: null, s: null, t: null });
  }

  /**
   * Sends op 9 INVALID SESSION. Resumable: the client RESUMEs on the same socket. Not resumable: the
   * session is dropped and the client reconnects and IDENTIFYs (discord.js throttles a shard's
   * identifies 5 s apart, so that recovery takes up to ~6.5 s).
   */
  invalidateSession(shardId: number, resumable: boolean): void {
    const connection = this.liveConnection(shardId, "send op 9 to");
    connection.ready = false;
    connection.authenticated = false;
    if (!resumable && connection.session) connection.session.valid = false;
    this.send(connection, { op: 9, d: resumable, s: null, t: null });
  }

  /** Stops (or resumes) answering heartbeats: discord.js then treats the connection as zombied. */
  setHeartbeatAcks(enabled: boolean, shardId?: number): void {
    for (const connection of this.live) {
      if (shardId === undefined || connection.session?.shardId === shardId) connection.ackHeartbeats = enabled;
    }
  }

  // ─── REST fault injection ──────────────────────────────────────────────────────────────────────

  /** Queues a fault for the next matching request(s). Returns a handle whose `hits` counts uses. */
  queueFault(spec: FaultSpec): QueuedFault {
    const fault: QueuedFault = { spec, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  // ─── Interactions ──────────────────────────────────────────────────────────────────────────────

  /** Builds a realistic raw INTERACTION_CREATE `d` and registers it (so its webhook routes work). */
  interactionPayload(spec: InteractionSpec): InteractionPayload {
    const id = snowflake();
    const guild = spec.dm ? undefined : this.guilds.find((g) => g.id === spec.guildId) ?? this.guilds[0];
    if (!spec.dm && !guild) throw new Error("fake-discord: no guild for a guild interaction");
    const user: RawUser = { ...DEFAULT_USER, ...spec.user } as RawUser;
    const channelId = spec.channelId ?? guild?.channels[0]?.id ?? snowflake();
    const payload: InteractionPayload = {
      id,
      application_id: this.applicationId,
      type: spec.kind === "command" ? 2 : spec.kind === "autocomplete" ? 4 : 3,
      // Shaped like Discord's: base64 of "interaction:<id>:<secret>" (so no characters to escape).
      token: Buffer.from(`interaction:${id}:${randomBytes(48).toString("base64url")}`).toString("base64url"),
      version: 1,
      locale: spec.locale ?? "en-US",
      app_permissions: String(spec.appPermissions ?? BOT_CHANNEL_PERMISSIONS),
      entitlements: [],
      attachment_size_limit: 10_485_760,
    };
    if (guild) {
      const channel = guild.channels.find((c) => c.id === channelId) ?? { id: channelId, name: "channel", type: 0 };
      const roles = spec.roles ?? [];
      Object.assign(payload, {
        guild_id: guild.id,
        guild: { id: guild.id, locale: "en-US", features: [] },
        guild_locale: "en-US",
        channel_id: channel.id,
        channel: {
          id: channel.id,
          type: channel.type,
          guild_id: guild.id,
          name: channel.name,
          position: 0,
          parent_id: null,
          topic: null,
          nsfw: false,
          flags: 0,
          last_message_id: null,
          rate_limit_per_user: 0,
          permissions: String(spec.appPermissions ?? BOT_CHANNEL_PERMISSIONS),
        },
        member: {
          user,
          roles,
          permissions: String(spec.permissions ?? this.memberPermissions(guild, roles)),
          ...MEMBER_DEFAULTS,
          banner: null,
          unusual_dm_activity_until: null,
        },
        authorizing_integration_owners: { "0": guild.id },
        context: 0,
      });
    } else {
      Object.assign(payload, {
        user,
        channel_id: channelId,
        channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [user] },
        authorizing_integration_owners: { "0": "0" },
        context: 1,
      });
    }
    if (spec.kind === "button") {
      payload.data = { custom_id: spec.customId, component_type: 2 };
      payload.message = spec.message ?? this.buttonMessage(payload, spec.customId);
    } else {
      payload.data = this.commandData(spec, guild?.id);
    }
    if (spec.overrides) {
      for (const [key, value] of Object.entries(spec.overrides)) {
        if (value === undefined) delete payload[key];
        else payload[key] = value;
      }
    }
    this.registerInteraction(payload);
    return payload;
  }

  /** Makes the fake accept callbacks and webhooks for a hand-built (or HTTP-mode) interaction. */
  registerInteraction(payload: InteractionPayload): InteractionRecord {
    const existing = this.interactionsById.get(payload.id);
    if (existing) return existing;
    const record: InteractionRecord = { payload, rejectedCallbacks: [], followups: [] };
    this.interactionsById.set(payload.id, record);
    this.interactionsByToken.set(payload.token, record);
    return record;
  }

  /**
   * Dispatches INTERACTION_CREATE (waiting first for the shard to be ready) and resolves with the
   * accepted `POST …/callback` body. Rejects after the timeout with what the fake saw instead.
   */
  async sendInteraction(payload: InteractionPayload, options: SendInteractionOptions = {}): Promise<InteractionCallback> {
    const timeoutMs = options.timeoutMs ?? this.options.interactionTimeoutMs;
    const started = Date.now();
    const record = this.registerInteraction(payload);
    const shardId = options.shard ?? this.defaultShard(payload);
    await this.waitForShardReady(shardId, timeoutMs);
    // Registered before dispatching: the reply can arrive before `dispatch` returns to us.
    const answered = this.callbackWaiters.wait(
      record.callback ? [record] : [],
      (r) => r === record,
      Math.max(1, timeoutMs - (Date.now() - started)),
      () => this.describeUnanswered(record, shardId, timeoutMs),
    );
    record.shardId = shardId;
    record.dispatchedAt = Date.now();
    this.dispatch(shardId, "INTERACTION_CREATE", payload);
    const done = await answered;
    return structuredClone(done.callback as InteractionCallback);
  }

  /**
   * HTTP-interactions mode: the bot answers in its HTTP response, which never reaches the fake.
   * Record that response as if it had been POSTed to the callback route (same checks), so the
   * bot's later webhook edits and follow-ups are accepted. Returns the refusal errors ([] = accepted).
   */
  recordHttpCallback(payload: InteractionPayload, body: unknown): string[] {
    const record = this.registerInteraction(payload);
    record.dispatchedAt ??= Date.now();
    const refused = this.acceptCallback(record, body, null);
    if (!refused) return [];
    const response = refused.body as { message?: string; errors?: string[] };
    return response.errors ?? [response.message ?? `refused with ${refused.status}`];
  }

  /** The original response message of an interaction (to press its buttons, say). */
  originalMessage(interactionId: string): RawMessage | undefined {
    const original = this.interactionsById.get(interactionId)?.original;
    return original ? structuredClone(original) : undefined;
  }

  // ─── Internals: guilds, payload pieces ─────────────────────────────────────────────────────────

  private resolveGuild(spec: FakeGuildSpec, index: number): FakeGuild {
    const id = spec.id ?? (index === 0 ? "1187654321098765000" : snowflake());
    const roles = spec.roles ?? [
      { name: "Moderator", id: "1187654321098765111" },
      { name: "Manager", id: "1187654321098765222", permissions: P.ManageGuild },
      { name: "Admin", id: "1187654321098765333", permissions: P.Administrator },
    ];
    return {
      id,
      name: spec.name ?? (index === 0 ? "Verbatim Test Server" : `Test Server ${index + 1}`),
      ownerId: spec.ownerId ?? "1100000000000000001",
      channels: (spec.channels ?? [{ id: index === 0 ? "1187654321098765001" : undefined, name: "general" }]).map((c) => ({
        id: c.id ?? snowflake(),
        name: c.name ?? "general",
        type: c.type ?? 0,
      })),
      roles: [
        { id, name: "@everyone", permissions: PERMISSIONS.member },
        ...roles.map((r) => ({ id: r.id ?? snowflake(), name: r.name, permissions: String(r.permissions ?? 0n) })),
      ],
    };
  }

  /** Channel-level permissions Discord would compute (no overwrites): @everyone | roles; Administrator = all. */
  private memberPermissions(guild: FakeGuild, roleIds: string[]): string {
    let bits = 0n;
    for (const role of guild.roles) if (role.id === guild.id || roleIds.includes(role.id)) bits |= BigInt(role.permissions);
    return ((bits & P.Administrator) !== 0n ? ALL_PERMISSIONS : bits).toString();
  }

  private guildCreate(guild: FakeGuild): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: "en-US",
      features: [],
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      roles: guild.roles.map((role, position) => ({
        id: role.id,
        name: role.name,
        permissions: role.permissions,
        position,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      emojis: [],
      stickers: [],
      joined_at: "2024-01-01T00:00:00.000000+00:00",
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [
        {
          user: this.botUser,
          roles: [],
          ...MEMBER_DEFAULTS,
        },
      ],
      channels: guild.channels.map((c, position) => ({
        id: c.id,
        type: c.type,
        guild_id: guild.id,
        name: c.name,
        position,
        permission_overwrites: [],
        parent_id: null,
        topic: null,
        nsfw: false,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0,
      })),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private commandData(spec: Extract<InteractionSpec, { kind: "command" | "autocomplete" }>, guildId: string | undefined): Record<string, unknown> {
    // Use the registered command's id and option types when the bot has registered it.
    const registered =
      (guildId ? this.commandStore.get(guildId) : undefined)?.find((c) => c.name === spec.name && c.type === 1) ??
      this.commandStore.get("global")?.find((c) => c.name === spec.name && c.type === 1);
    let definitionOptions = (registered?.options as Record<string, unknown>[] | undefined) ?? [];
    for (const name of [spec.subcommandGroup, spec.subcommand]) {
      if (!name) continue;
      const nested = definitionOptions.find((o) => o.name === name);
      definitionOptions = (nested?.options as Record<string, unknown>[] | undefined) ?? [];
    }
    const typeOf = (name: string, value: string | number | boolean): number => {
      const declared = definitionOptions.find((o) => o.name === name)?.type;
      if (typeof declared === "number") return declared;
      return typeof value === "boolean" ? 5 : typeof value === "number" ? (Number.isInteger(value) ? 4 : 10) : 3;
    };
    let options: RawCommandOption[] = Array.isArray(spec.options)
      ? structuredClone(spec.options)
      : Object.entries(spec.options ?? {}).map(([name, value]) => ({ name, type: typeOf(name, value), value }));
    if (spec.kind === "autocomplete") {
      options = options.filter((o) => o.name !== spec.focused);
      options.push({ name: spec.focused, type: typeOf(spec.focused, spec.value), value: spec.value, focused: true });
    }
    if (spec.subcommand) options = [{ name: spec.subcommand, type: 1, options }];
    if (spec.subcommandGroup) options = [{ name: spec.subcommandGroup, type: 2, options }];
    return {
      id: registered?.id ?? snowflake(),
      name: spec.name,
      type: 1,
      ...(options.length > 0 ? { options } : {}),
      ...(registered && typeof registered.guild_id === "string" ? { guild_id: registered.guild_id } : {}),
    };
  }

  /** A plausible earlier bot message carrying the pressed button. */
  private buttonMessage(payload: InteractionPayload, customId: string): RawMessage {
    const message = this.makeMessage(payload, { content: "", components: [] }, 0);
    message.components = [{ type: 1, id: 1, components: [{ type: 2, id: 2, style: 1, label: "Button", custom_id: customId }] }];
    this.messages.set(message.id, message);
    return message;
  }

  private makeMessage(payload: InteractionPayload, data: MessageData, type: number): RawMessage {
    const pings = pingsOf(data);
    const invoker = payload.member?.user ?? payload.user;
    return {
      id: snowflake(),
      type,
      channel_id: payload.channel_id ?? str(payload.channel?.id),
      ...(payload.guild_id ? { guild_id: payload.guild_id } : {}),
      author: this.botUser,
      content: str(data.content),
      embeds: Array.isArray(data.embeds) ? data.embeds : [],
      components: Array.isArray(data.components) ? data.components : [],
      attachments: [],
      flags: (typeof data.flags === "number" ? data.flags : 0) & SENDABLE_FLAGS,
      mentions: pings.users.map((id) => ({ id, username: `user${id.slice(-4)}`, discriminator: "0", global_name: null, avatar: null })),
      mention_roles: pings.roles,
      mention_everyone: pings.everyone,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      interaction_metadata: {
        id: payload.id,
        type: payload.type,
        user: invoker,
        authorizing_integration_owners: payload.authorizing_integration_owners ?? {},
      },
    };
  }

  private defaultShard(payload: InteractionPayload): number {
    const guildId = payload.guild_id;
    if (typeof guildId !== "string" || !/^\d+$/.test(guildId)) return 0;
    const session = [...this.sessionsByShard.values()].find((s) => s.valid);
    return shardForGuild(guildId, session?.shardCount ?? 1);
  }

  // ─── Internals: gateway ────────────────────────────────────────────────────────────────────────

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!url.pathname.startsWith("/gateway") || this.closing.signal.aborted) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
  }

  private onConnection(ws: WebSocket, url: URL): void {
    const record: ConnectionRecord = {
      id: this.nextConnectionId++,
      url: url.pathname + url.search,
      query: Object.fromEntries(url.searchParams),
      openedAt: Date.now(),
      shardId: null,
      sessionId: null,
    };
    this.connections.push(record);
    const connection: Connection = { record, ws, session: null, ready: false, authenticated: false, ackHeartbeats: true };
    this.live.add(connection);
    ws.on("message", (data) => this.onGatewayMessage(connection, data));
    ws.on("close", (code) => {
      record.closedAt = Date.now();
      record.closeCode = code;
      record.closedBy ??= "client";
      this.markGone(connection);
      this.live.delete(connection);
    });
    ws.on("error", () => undefined); // a dropped peer; "close" follows

    const { v, encoding, compress } = record.query;
    if (v !== "10") return this.protocolClose(connection, 4012, `fake-discord: unsupported API version v=${v ?? "(none)"}`);
    if (encoding !== undefined && encoding !== "json") return this.protocolClose(connection, 4002, "fake-discord: only encoding=json is supported");
    if (compress !== undefined) return this.protocolClose(connection, 4002, `fake-discord: compress=${compress} is not supported (is zlib-sync installed?)`);
    this.send(connection, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ["fake-discord"] }, s: null, t: null });
  }

  private onGatewayMessage(connection: Connection, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
    } catch {
      return this.protocolClose(connection, 4002, "fake-discord: payload is not JSON");
    }
    const op = typeof payload.op === "number" ? payload.op : -1;
    this.log(connection, "in", { op, d: payload.d, s: null, t: null });
    switch (op) {
      case 1:
        if (connection.ackHeartbeats) this.send(connection, { op: 11, d: null, s: null, t: null });
        return;
      case 2:
        return this.onIdentify(connection, isRecord(payload.d) ? payload.d : {});
      case 6:
        return this.onResume(connection, isRecord(payload.d) ? payload.d : {});
      case 3: // presence update
      case 4: // voice state update
      case 8: // request guild members
        if (!connection.authenticated) this.protocolClose(connection, 4003, "fake-discord: not authenticated");
        return;
      default:
        this.protocolClose(connection, 4001, `fake-discord: unknown opcode ${op}`);
    }
  }

  private onIdentify(connection: Connection, d: Record<string, unknown>): void {
    if (connection.authenticated) return this.protocolClose(connection, 4005, "fake-discord: already authenticated");
    const token = str(d.token);
    const shard: [number, number] =
      Array.isArray(d.shard) && typeof d.shard[0] === "number" && typeof d.shard[1] === "number" ? [d.shard[0], d.shard[1]] : [0, 1];
    const intents = typeof d.intents === "number" ? d.intents : -1;
    const identify: IdentifyRecord = { time: Date.now(), connectionId: connection.record.id, shard, intents, token, data: d };
    this.identifies.push(identify);
    this.emit("identify", identify);
    if (this.options.token !== undefined && token !== this.options.token) return this.protocolClose(connection, 4004, "Authentication failed.");
    if (shard[0] < 0 || shard[1] < 1 || shard[0] >= shard[1]) return this.protocolClose(connection, 4010, "Invalid shard.");
    if (intents < 0) return this.protocolClose(connection, 4013, "Invalid intent(s).");
    if (intents & PRIVILEGED_INTENTS && !this.options.allowPrivilegedIntents) return this.protocolClose(connection, 4014, "Disallowed intent(s).");

    const previous = this.sessionsByShard.get(shard[0]);
    if (previous) previous.valid = false;
    const session: Session = { id: randomBytes(16).toString("hex"), shardId: shard[0], shardCount: shard[1], seq: 0, events: [], connection, truncatedThrough: 0, valid: true };
    this.sessionsByShard.set(session.shardId, session);
    this.sessionsById.set(session.id, session);
    this.attach(connection, session);

    const guilds = this.guilds.filter((g) => shardForGuild(g.id, shard[1]) === shard[0]);
    this.send(connection, {
      op: 0,
      t: "READY",
      s: ++session.seq,
      d: {
        v: 10,
        user: this.botUser,
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: session.id,
        session_type: "normal",
        // Distinct from the initial URL so tests can see that resumes use it.
        resume_gateway_url: `${this.gatewayUrl}/resume`,
        shard,
        application: { id: this.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        user_settings: {},
        auth_session_id_hash: "",
        _trace: ["fake-discord"],
      },
    });
    connection.ready = true;
    for (const guild of guilds) this.dispatch(session.shardId, "GUILD_CREATE", this.guildCreate(guild));
    this.readyWaiters.offer(session.shardId);
  }

  private onResume(connection: Connection, d: Record<string, unknown>): void {
    if (connection.authenticated) return this.protocolClose(connection, 4005, "fake-discord: already authenticated");
    const sessionId = str(d.session_id);
    const seq = typeof d.seq === "number" ? d.seq : -1;
    const session = this.sessionsById.get(sessionId);
    const record: ResumeRecord = { time: Date.now(), connectionId: connection.record.id, sessionId, seq, ok: false, replayed: 0 };
    this.resumes.push(record);
    if (this.options.token !== undefined && str(d.token) !== this.options.token) {
      this.emit("resume", record);
      return this.protocolClose(connection, 4004, "Authentication failed.");
    }
    if (!session || !session.valid || seq < 0 || seq > session.seq || seq < session.truncatedThrough) {
      this.emit("resume", record);
      // Discord's answer to a session it cannot resume: the client must reconnect and IDENTIFY.
      this.send(connection, { op: 9, d: false, s: null, t: null });
      return;
    }
    const stale = session.connection;
    if (stale && stale !== connection) {
      stale.ready = false;
      stale.record.closedBy = "fake";
      stale.ws.terminate();
    }
    this.attach(connection, session);
    const replay = session.events.filter((e) => (e.s ?? 0) > seq);
    for (const event of replay) this.send(connection, event);
    this.send(connection, { op: 0, t: "RESUMED", s: ++session.seq, d: { _trace: ["fake-discord"] } });
    connection.ready = true;
    record.ok = true;
    record.replayed = replay.length;
    this.emit("resume", record);
    this.readyWaiters.offer(session.shardId);
  }

  private attach(connection: Connection, session: Session): void {
    session.connection = connection;
    connection.session = session;
    connection.authenticated = true;
    connection.record.shardId = session.shardId;
    connection.record.sessionId = session.id;
  }

  /** The connection stops receiving dispatches (they are buffered for a RESUME from now on). */
  private markGone(connection: Connection): void {
    connection.ready = false;
    if (connection.session?.connection === connection) connection.session.connection = null;
  }

  private protocolClose(connection: Connection, code: number, reason: string): void {
    connection.record.closedBy = "fake";
    this.markGone(connection);
    connection.ws.close(code, reason.slice(0, 120));
  }

  private liveConnection(shardId: number, action: string): Connection {
    const connection = this.sessionsByShard.get(shardId)?.connection;
    if (!connection || connection.ws.readyState !== WebSocket.OPEN) {
      throw new Error(`fake-discord: cannot ${action} shard ${shardId}: ${this.describeShard(shardId)}`);
    }
    return connection;
  }

  private send(connection: Connection, payload: GatewayPayload): void {
    if (connection.ws.readyState !== WebSocket.OPEN) return;
    connection.ws.send(JSON.stringify(payload));
    this.log(connection, "out", payload);
  }

  private log(connection: Connection, direction: "in" | "out", payload: GatewayPayload): void {
    const entry: GatewayLogEntry = {
      time: Date.now(),
      connectionId: connection.record.id,
      shardId: connection.session?.shardId ?? null,
      direction,
      op: payload.op,
      ...(payload.op === 0 ? { t: payload.t, s: payload.s } : {}),
      d: payload.d,
    };
    this.gatewayLog.push(entry);
    this.emit("gateway", entry);
    this.gatewayWaiters.offer(entry);
  }

  private describeShard(shardId: number): string {
    const session = this.sessionsByShard.get(shardId);
    if (!session) {
      const known = [...this.sessionsByShard.keys()];
      return `shard ${shardId} never identified${known.length ? ` (shards with sessions: ${known.join(", ")})` : " (no client has identified)"}`;
    }
    const connection = session.connection;
    return `session ${session.id.slice(0, 8)} seq ${session.seq}${session.valid ? "" : " (invalidated)"}, ${
      connection ? `connection #${connection.record.id} ${connection.ready ? "ready" : "not ready"}` : "no connection (client reconnecting?)"
    }`;
  }

  // ─── Internals: REST ───────────────────────────────────────────────────────────────────────────

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const prefix = "/api/v10";
    const versioned = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
    const rest = versioned ? url.pathname.slice(prefix.length) || "/" : url.pathname;
    const segments = rest.split("/").filter(Boolean).map(safeDecode);
    const request: RecordedRequest = {
      seq: this.nextRequestSeq++,
      time: started,
      method: req.method ?? "GET",
      rawPath: url.pathname,
      path: `/${segments.join("/")}`,
      route: null,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: undefined,
    };
    this.requests.push(request);

    let result: RouteResult;
    try {
      const parsed = await readBody(req);
      request.body = parsed.body;
      if (parsed.files) request.files = parsed.files;
      result = parsed.error ? discordError(400, 50109, "The request body contains invalid JSON.") : await this.route(request, segments, versioned);
    } catch (error) {
      result = discordError(500, 0, `fake-discord: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    if (this.closing.signal.aborted) return;

    request.status = result.status;
    request.response = result.body;
    request.durationMs = Date.now() - started;
    const headers: Record<string, string> = { ...result.headers };
    let text = "";
    if (result.body !== undefined && result.status !== 204) {
      headers["content-type"] = "application/json";
      text = JSON.stringify(result.body);
    }
    res.writeHead(result.status, headers);
    res.end(text);
    this.emit("request", request);
    this.requestWaiters.offer(request);
  }

  private async route(request: RecordedRequest, segments: string[], versioned: boolean): Promise<RouteResult> {
    const candidates = versioned ? this.routes.filter((r) => matchSegments(r.segments, segments) !== null) : [];
    const route = candidates.find((r) => r.method === request.method);
    if (!route) {
      return candidates.length > 0 ? discordError(405, 0, "405: Method Not Allowed") : discordError(404, 0, "404: Not Found");
    }
    request.route = route.template;
    const params = matchSegments(route.segments, segments) ?? {};
    this.tagInteraction(request, params);

    const fault = this.takeFault(request);
    if (fault) {
      const { spec } = fault;
      if (spec.kind === "delay") {
        request.fault = `delay ${spec.delayMs} ms`;
        try {
          await sleep(spec.delayMs, undefined, { signal: this.closing.signal });
        } catch {
          return discordError(503, 0, "fake-discord: closed");
        }
      } else if (spec.kind === "status") {
        const status = spec.status ?? 500;
        request.fault = `status ${status}`;
        return { status, body: spec.body ?? { message: `${status}: Internal Server Error (injected)`, code: 0 } };
      } else {
        const seconds = (spec.retryAfterMs ?? 200) / 1000;
        const scope = spec.scope ?? (spec.global ? "global" : "user");
        request.fault = `429 retry_after ${seconds}s${spec.global ? " (global)" : ""}`;
        return {
          status: 429,
          body: { message: "You are being rate limited.", retry_after: seconds, global: !!spec.global },
          headers: {
            "retry-after": String(seconds),
            "x-ratelimit-limit": "1",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String((Date.now() + seconds * 1000) / 1000),
            "x-ratelimit-reset-after": String(seconds),
            "x-ratelimit-bucket": "fake-discord-bucket",
            "x-ratelimit-scope": scope,
            ...(spec.global ? { "x-ratelimit-global": "true" } : {}),
          },
        };
      }
    }

    if (route.auth) {
      const auth = request.headers.authorization;
      if (!auth || !auth.startsWith("Bot ") || (this.options.token !== undefined && auth !== `Bot ${this.options.token}`)) {
        return discordError(401, 0, "401: Unauthorized");
      }
    }
    return route.handle({ request, params });
  }

  private tagInteraction(request: RecordedRequest, params: Record<string, string>): void {
    const record = params.id && params.token ? this.interactionsById.get(params.id) : params.token ? this.interactionsByToken.get(params.token) : undefined;
    if (record) {
      request.interactionId = record.payload.id;
      request.interactionToken = record.payload.token;
    }
  }

  private takeFault(request: RecordedRequest): QueuedFault | undefined {
    const fault = this.faults.find((f) => f.hits < (f.spec.times ?? 1) && matches(f.spec.match, request));
    if (fault) fault.hits++;
    return fault;
  }

  private buildRoutes(): Route[] {
    const route = (method: string, template: string, auth: boolean, handle: Route["handle"]): Route => ({
      method,
      template,
      segments: template.split("/").filter(Boolean),
      auth,
      handle,
    });
    const application = () => ({
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: "",
      summary: "",
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: "0".repeat(64),
      flags: 0,
      team: null,
      owner: { id: this.guilds[0]?.ownerId ?? "1100000000000000001", username: "owner", discriminator: "0", global_name: null, avatar: null },
      bot: this.botUser,
      approximate_guild_count: this.guilds.length,
      integration_types_config: { "0": {} },
    });
    const commandRoutes = (base: string): Route[] => {
      const key = (params: Record<string, string>) => params.guild ?? "global";
      const checkApp = (params: Record<string, string>): RouteResult | null =>
        params.app === this.applicationId ? null : discordError(404, 10002, "Unknown Application");
      return [
        route("GET", base, true, ({ params }) => checkApp(params) ?? { status: 200, body: this.commands(params.guild) }),
        route("PUT", base, true, ({ params, request }) => {
          const refused = checkApp(params) ?? this.refuse(request, commandErrors(request.body));
          if (refused) return refused;
          this.commandStore.set(key(params), this.overwriteCommands(request.body as Record<string, unknown>[], params.guild));
          return { status: 200, body: this.commands(params.guild) };
        }),
        route("POST", base, true, ({ params, request }) => {
          const refused = checkApp(params) ?? this.refuse(request, commandErrors([request.body]));
          if (refused) return refused;
          const body = request.body as Record<string, unknown>;
          const list = this.commandStore.get(key(params)) ?? [];
          const existing = list.find((c) => c.name === body.name && c.type === (body.type ?? 1));
          const command = this.normalizeCommand(body, params.guild, existing);
          this.commandStore.set(key(params), [...list.filter((c) => c !== existing), command]);
          return { status: existing ? 200 : 201, body: command };
        }),
        route("GET", `${base}/:command`, true, ({ params }) => {
          const command = this.commandStore.get(key(params))?.find((c) => c.id === params.command);
          return command ? { status: 200, body: command } : discordError(404, 10063, "Unknown application command");
        }),
        route("PATCH", `${base}/:command`, true, ({ params, request }) => {
          const list = this.commandStore.get(key(params)) ?? [];
          const existing = list.find((c) => c.id === params.command);
          if (!existing) return discordError(404, 10063, "Unknown application command");
          const command = this.normalizeCommand({ ...existing, ...(request.body as Record<string, unknown>) }, params.guild, existing);
          this.commandStore.set(key(params), list.map((c) => (c === existing ? command : c)));
          return { status: 200, body: command };
        }),
        route("DELETE", `${base}/:command`, true, ({ params }) => {
          const list = this.commandStore.get(key(params)) ?? [];
          if (!list.some((c) => c.id === params.command)) return discordError(404, 10063, "Unknown application command");
          this.commandStore.set(key(params), list.filter((c) => c.id !== params.command));
          return { status: 204 };
        }),
      ];
    };
    return [
      route("GET", "/gateway", false, () => ({ status: 200, body: { url: this.gatewayUrl } })),
      route("GET", "/gateway/bot", true, () => ({
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.shards,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 14_400_000, max_concurrency: this.options.maxConcurrency },
        },
      })),
      route("GET", "/users/@me", true, () => ({ status: 200, body: this.botUser })),
      route("GET", "/applications/@me", true, () => ({ status: 200, body: application() })),
      route("GET", "/oauth2/applications/@me", true, () => ({ status: 200, body: application() })),
      ...commandRoutes("/applications/:app/commands"),
      ...commandRoutes("/applications/:app/guilds/:guild/commands"),
      route("POST", "/interactions/:id/:token/callback", false, (ctx) => this.onCallback(ctx)),
      route("POST", "/webhooks/:app/:token", false, (ctx) => this.onFollowup(ctx)),
      route("GET", "/webhooks/:app/:token/messages/:message", false, (ctx) => this.onWebhookMessage(ctx)),
      route("PATCH", "/webhooks/:app/:token/messages/:message", false, (ctx) => this.onWebhookMessage(ctx)),
      route("DELETE", "/webhooks/:app/:token/messages/:message", false, (ctx) => this.onWebhookMessage(ctx)),
    ];
  }

  /** A 400 like Discord's "Invalid Form Body" when validation is on and there are errors. */
  private refuse(request: RecordedRequest | null, errors: string[]): RouteResult | null {
    if (!this.options.validate || errors.length === 0) return null;
    if (request) request.errors = errors;
    const empty = errors.length === 1 && errors[0]?.startsWith("Cannot send an empty message");
    return empty ? discordError(400, 50006, "Cannot send an empty message", errors) : discordError(400, 50035, "Invalid Form Body", errors);
  }

  private overwriteCommands(definitions: Record<string, unknown>[], guildId: string | undefined): StoredCommand[] {
    const existing = this.commandStore.get(guildId ?? "global") ?? [];
    return definitions.map((definition) =>
      this.normalizeCommand(definition, guildId, existing.find((c) => c.name === definition.name && c.type === (definition.type ?? 1))),
    );
  }

  /** The definition as sent plus the fields Discord fills in; ids are kept across overwrites by name. */
  private normalizeCommand(input: Record<string, unknown>, guildId: string | undefined, existing: StoredCommand | undefined): StoredCommand {
    const { id: _id, version: _version, application_id: _app, guild_id: _guild, ...definition } = input;
    const command: StoredCommand = {
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: "",
      default_member_permissions: null,
      type: 1,
      description: "",
      ...(guildId ? { guild_id: guildId } : { dm_permission: true }),
      contexts: null,
      integration_types: [0],
      nsfw: false,
      ...definition,
      name: str(definition.name),
    } as StoredCommand;
    if (typeof command.type !== "number") command.type = 1;
    const comparable = (c: StoredCommand) => JSON.stringify({ ...c, version: "" });
    command.version = existing && comparable(existing) === comparable(command) ? String(existing.version) : snowflake();
    return command;
  }

  private onCallback({ request, params }: RouteContext): RouteResult {
    const record = this.interactionsById.get(params.id ?? "");
    if (!record || record.payload.token !== params.token) return discordError(404, 10062, "Unknown interaction");
    const refused = this.acceptCallback(record, request.body, request);
    if (refused) return refused;
    const body = record.callback as InteractionCallback;
    const payload = record.payload;
    if (request.query.with_response !== "true") return { status: 204 };
    const original = record.original;
    return {
      status: 200,
      body: {
        interaction: {
          id: payload.id,
          type: payload.type,
          response_message_id: original?.id,
          response_message_loading: body.type === 5,
          response_message_ephemeral: ((original?.flags ?? 0) & FLAG_EPHEMERAL) !== 0,
        },
        ...(original && body.type !== 8 ? { resource: { type: body.type, message: original } } : {}),
      },
    };
  }

  /**
   * Judges a callback as Discord would and, if accepted, records it and creates or updates the
   * original message. Returns the refusal, or null when accepted.
   */
  private acceptCallback(record: InteractionRecord, rawBody: unknown, request: RecordedRequest | null): RouteResult | null {
    const reject = (result: RouteResult, errors: string[] = []): RouteResult => {
      record.rejectedCallbacks.push({ status: result.status, body: rawBody, errors });
      return result;
    };
    const late = record.dispatchedAt === undefined ? 0 : Date.now() - record.dispatchedAt;
    if (this.options.callbackDeadlineMs !== undefined && late > this.options.callbackDeadlineMs) {
      return reject(discordError(404, 10062, "Unknown interaction"), [`callback ${late} ms after dispatch`]);
    }
    if (record.callback) return reject(discordError(400, 40060, "Interaction has already been acknowledged."));
    const body = isRecord(rawBody) ? (rawBody as unknown as InteractionCallback) : { type: -1 };
    const kind = record.payload.type;
    const errors: string[] = [];
    const allowed = kind === 4 ? [8] : kind === 3 || kind === 5 ? [4, 5, 6, 7, 9] : [4, 5, 9];
    if (!allowed.includes(body.type)) errors.push(`type: ${String(body.type)} is not a valid response to an interaction of type ${kind}`);
    else if (body.type === 4 || body.type === 7) errors.push(...messageErrors(body.data, { requireContent: body.type === 4 }));
    else if (body.type === 8) errors.push(...choiceErrors(body.data));
    if (request && (body.type === 4 || body.type === 7)) request.pings = pingsOf(body.data);
    const refused = this.refuse(request, errors);
    if (refused) return reject(refused, errors);

    record.callback = structuredClone(body);
    record.callbackAt = Date.now();
    const data = body.data ?? {};
    const payload = record.payload;
    if (body.type === 4) record.original = this.makeMessage(payload, data, 20);
    else if (body.type === 5) {
      record.original = this.makeMessage(payload, { flags: (data.flags ?? 0) & FLAG_EPHEMERAL }, 20);
      record.original.flags |= FLAG_LOADING;
    } else if (body.type === 6 || body.type === 7) {
      // Component responses act on the message the component lives on.
      const message = payload.message ? this.messages.get(payload.message.id) ?? structuredClone(payload.message) : undefined;
      if (message && body.type === 7) this.applyEdit(message, data);
      record.original = message ?? null;
    }
    if (record.original) this.messages.set(record.original.id, record.original);
    this.callbackWaiters.offer(record);
    return null;
  }

  /** Resolves the interaction behind `/webhooks/:app/:token…`, or the 404 Discord would give. */
  private webhookInteraction(params: Record<string, string>): InteractionRecord | RouteResult {
    const record = params.app === this.applicationId ? this.interactionsByToken.get(params.token ?? "") : undefined;
    if (!record || !record.callback) return discordError(404, 10015, "Unknown Webhook");
    return record;
  }

  private onFollowup({ request, params }: RouteContext): RouteResult {
    const record = this.webhookInteraction(params);
    if ("status" in record) return record;
    request.pings = pingsOf(request.body);
    const refused = this.refuse(request, messageErrors(request.body, { requireContent: true }));
    if (refused) return refused;
    const message = this.makeMessage(record.payload, request.body as MessageData, 0);
    record.followups.push(message);
    this.messages.set(message.id, message);
    return request.query.wait === "false" ? { status: 204 } : { status: 200, body: message };
  }

  private onWebhookMessage({ request, params }: RouteContext): RouteResult {
    const record = this.webhookInteraction(params);
    if ("status" in record) return record;
    const target = params.message === "@original" ? record.original : record.followups.find((m) => m.id === params.message);
    if (!target) return discordError(404, 10008, "Unknown Message");
    if (request.method === "GET") return { status: 200, body: target };
    if (request.method === "DELETE") {
      if (params.message === "@original") record.original = null;
      else record.followups = record.followups.filter((m) => m !== target);
      this.messages.delete(target.id);
      return { status: 204 };
    }
    request.pings = pingsOf(request.body);
    const refused = this.refuse(request, messageErrors(request.body, { requireContent: false }));
    if (refused) return refused;
    this.applyEdit(target, (request.body ?? {}) as MessageData);
    return { status: 200, body: target };
  }

  private applyEdit(message: RawMessage, data: MessageData): void {
    const wasLoading = (message.flags & FLAG_LOADING) !== 0;
    if (data.content !== undefined) message.content = data.content ?? "";
    if (data.embeds !== undefined) message.embeds = data.embeds ?? [];
    if (data.components !== undefined) message.components = data.components ?? [];
    if (typeof data.flags === "number") message.flags = (message.flags & FLAG_EPHEMERAL) | (data.flags & SENDABLE_FLAGS);
    message.flags &= ~FLAG_LOADING;
    const pings = pingsOf(data);
    message.mention_roles = pings.roles;
    message.mention_everyone = pings.everyone;
    message.edited_timestamp = wasLoading ? null : new Date().toISOString();
  }

  // ─── Diagnostics ───────────────────────────────────────────────────────────────────────────────

  private describeRecentRequests(): string {
    const recent = this.requests.slice(-6).map((r) => `${r.method} ${r.path} → ${r.status ?? "pending"}`);
    return recent.length ? recent.join("; ") : "none";
  }

  private describeUnanswered(record: InteractionRecord, shardId: number, timeoutMs: number): string {
    const { payload } = record;
    const what = typeof payload.data?.name === "string" ? `/${payload.data.name}` : typeof payload.data?.custom_id === "string" ? `button "${payload.data.custom_id}"` : `type ${payload.type}`;
    const lines = [`fake-discord: no accepted callback for interaction ${payload.id} (${what}) on shard ${shardId} within ${timeoutMs} ms.`];
    for (const rejected of record.rejectedCallbacks) lines.push(`  refused callback (${rejected.status}): ${rejected.errors.join("; ") || JSON.stringify(rejected.body)}`);
    if (!Array.isArray(payload.entitlements) || !isRecord(payload.authorizing_integration_owners)) {
      lines.push("  payload lacks entitlements: [] or authorizing_integration_owners: {} — discord.js drops such interactions silently.");
    }
    lines.push(`  shard: ${this.describeShard(shardId)}`, `  last requests: ${this.describeRecentRequests()}`);
    return lines.join("\n");
  }
}

// ─── Module-private helpers ─────────────────────────────────────────────────────────────────────

/** The fields of a guild member that the fake never varies (interaction members and GUILD_CREATE's). */
const MEMBER_DEFAULTS = {
  nick: null,
  avatar: null,
  joined_at: "2024-01-01T00:00:00.000000+00:00",
  premium_since: null,
  deaf: false,
  mute: false,
  pending: false,
  flags: 0,
  communication_disabled_until: null,
} as const;

const DEFAULT_USER: RawUser = {
  id: "1100000000000000002",
  username: "tester",
  discriminator: "0",
  global_name: "Tester",
  avatar: null,
  public_flags: 0,
  flags: 0,
  banner: null,
  accent_color: null,
  avatar_decoration_data: null,
  collectibles: null,
  primary_guild: null,
};

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | null {
  if (template.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const a = actual[i] as string;
    if (t.startsWith(":")) params[t.slice(1)] = a;
    else if (t !== a) return null;
  }
  return params;
}

function matches(matcher: RequestMatcher | undefined, request: RecordedRequest): boolean {
  if (!matcher) return true;
  if (typeof matcher === "function") return matcher(request);
  if (matcher.method && matcher.method.toUpperCase() !== request.method) return false;
  const { path } = matcher;
  if (path === undefined) return true;
  if (typeof path === "string") return path === request.path || path === request.route;
  return path.test(request.path);
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files?: string[]; error?: true }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined };
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    // discord.js sends files as multipart with the JSON in `payload_json`.
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const files: string[] = [];
    let body: unknown;
    for (const [name, value] of form.entries()) {
      if (name === "payload_json" && typeof value === "string") body = JSON.parse(value) as unknown;
      else if (typeof value !== "string") files.push(name);
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString("utf8")) as unknown };
  } catch {
    return { body: raw.toString("utf8"), error: true };
  }
}
