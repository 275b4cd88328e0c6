/**
 * A fake Discord for end-to-end tests and benchmarks: REST (`/api/v10/…`) and a JSON WebSocket gateway
 * on one 127.0.0.1 port, good enough for the real discord.js 14 client to log in, receive interactions
 * and answer them. Everything is recorded for assertions, and faults can be injected on both sides.
 *
 * This module puts the pieces in fake-discord/ together behind one class and re-exports what tests
 * use. Usage: `const fake = await FakeDiscord.start(); new Client({ rest: { api: fake.apiUrl }, … })`.
 * See testkit/README.md.
 *
 * Over 300 lines because it is the one surface tests and benchmarks call: mostly short delegations to those
 * modules, plus the wiring (one port, one record of requests and interactions) that they share.
 */
import { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FakeCdn, type CdnDownload, type FakeAttachment } from "./fake-discord/attachments.js";
import { CommandStore, type StoredCommand } from "./fake-discord/commands.js";
import { FakeGateway } from "./fake-discord/gateway.js";
import { resolveGuild, type FakeGuild, type FakeGuildSpec } from "./fake-discord/guilds.js";
import { buildInteraction, type InteractionSpec } from "./fake-discord/interaction-builder.js";
import { describeUnanswered, InteractionStore } from "./fake-discord/interactions.js";
import { hasPings } from "./fake-discord/mentions.js";
import type { InteractionCallback, InteractionPayload, RawMessage, RawUser } from "./fake-discord/payloads.js";
import {
  Records,
  type ConnectionRecord,
  type FaultSpec,
  type GatewayLogEntry,
  type IdentifyRecord,
  type InteractionRecord,
  type QueuedFault,
  type RecordedRequest,
  type ResumeRecord,
} from "./fake-discord/records.js";
import { injectFaults } from "./fake-discord/rest-faults.js";
import { discordRoutes } from "./fake-discord/rest-routes.js";
import { checkBotToken, RestServer } from "./fake-discord/rest-server.js";
import { shardForGuild } from "./fake-discord/snowflakes.js";
import { botUserOf, DEFAULT_USER } from "./fake-discord/users.js";

export type { CdnDownload, FakeAttachment } from "./fake-discord/attachments.js";
export type { FakeGuild, FakeGuildSpec } from "./fake-discord/guilds.js";
export type { InteractionSpec, OptionInput } from "./fake-discord/interaction-builder.js";
export { hasPings, pingsOf, type Pings } from "./fake-discord/mentions.js";
export { messageErrors } from "./fake-discord/limits.js";
export type {
  AllowedMentions,
  InteractionCallback,
  InteractionPayload,
  MessageData,
  RawCommandOption,
  RawMessage,
  RawUser,
} from "./fake-discord/payloads.js";
export { PERMISSIONS } from "./fake-discord/permissions.js";
export type {
  ConnectionRecord,
  GatewayLogEntry,
  IdentifyRecord,
  InteractionRecord,
  FaultSpec,
  QueuedFault,
  RecordedRequest,
  RequestMatcher,
  RestFault,
  ResumeRecord,
} from "./fake-discord/records.js";
export { shardForGuild, snowflake } from "./fake-discord/snowflakes.js";

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
  /** The port to listen on, e.g. one a bot was already told to use before Discord "came up". Default: any free port. */
  port?: number;
  /** Reject messages/choices/commands that break Discord's limits with 400 (50035), as Discord does. Default true. */
  validate?: boolean;
}

export interface SendInteractionOptions {
  /** Shard to dispatch on. Default: the guild's shard (`(guild_id >> 22) % shardCount`), or 0 for DMs. */
  shard?: number;
  timeoutMs?: number;
}

/**
 * Events: `request` (RecordedRequest, once answered), `gateway` (GatewayLogEntry),
 * `identify` (IdentifyRecord), `resume` (ResumeRecord).
 */
export class FakeDiscord extends EventEmitter {
  readonly applicationId: string;
  readonly botUser: RawUser;
  readonly guilds: FakeGuild[];
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[];
  readonly connections: ConnectionRecord[];
  readonly identifies: IdentifyRecord[];
  readonly resumes: ResumeRecord[];
  readonly gatewayLog: GatewayLogEntry[];
  /** Queued REST faults (consumed ones stay, with `hits`). */
  readonly faults: QueuedFault[];

  /** Recommended shard count served by `GET /gateway/bot`; may be changed between logins. */
  shards: number;

  private readonly records: Records;
  private readonly commandStore: CommandStore;
  private readonly interactions: InteractionStore;
  private readonly gateway: FakeGateway;
  private readonly cdn: FakeCdn;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly closing = new AbortController();
  private readonly interactionTimeoutMs: number;
  private port = 0;
  private closed: Promise<void> | null = null;

  /** Starts a fake listening on 127.0.0.1, on `options.port` or an ephemeral port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await fake.listen(options.port ?? 0);
    return fake;
  }

  private constructor(options: FakeDiscordOptions) {
    super();
    this.shards = options.shards ?? 1;
    this.interactionTimeoutMs = options.interactionTimeoutMs ?? 5000;
    const validate = options.validate ?? true;
    this.applicationId = options.applicationId ?? "1187654321098765432";
    this.botUser = botUserOf(this.applicationId, options.botUsername ?? "Verbatim");
    this.guilds = (options.guilds ?? [{}]).map((spec, i) => resolveGuild(spec, i));

    this.records = new Records(this);
    this.requests = this.records.requests;
    this.connections = this.records.connections;
    this.identifies = this.records.identifies;
    this.resumes = this.records.resumes;
    this.gatewayLog = this.records.gatewayLog;
    this.faults = this.records.faults;
    this.commandStore = new CommandStore(this.applicationId);
    this.interactions = new InteractionStore(this.botUser, {
      validate,
      callbackDeadlineMs: options.callbackDeadlineMs,
    });
    this.gateway = new FakeGateway(
      {
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? 2000,
        token: options.token,
        allowPrivilegedIntents: options.allowPrivilegedIntents ?? false,
      },
      {
        bot: this.botUser,
        guilds: this.guilds,
        url: () => this.gatewayUrl,
        records: this.records,
        events: this,
        closing: this.closing.signal,
      },
    );
    const routes = discordRoutes({
      bot: this.botUser,
      guilds: this.guilds,
      commands: this.commandStore,
      interactions: this.interactions,
      gatewayUrl: () => this.gatewayUrl,
      shards: () => this.shards,
      maxConcurrency: options.maxConcurrency ?? 1,
      validate,
    });
    // In front of every route, in order. A check of every request body (against Discord's OpenAPI
    // description, say) belongs here, after the token check.
    const steps = [
      this.interactions.tagRequest,
      injectFaults(this.faults, this.closing.signal),
      checkBotToken(options.token),
    ];
    const rest = new RestServer(routes, steps, this.records, this.closing.signal);

    this.cdn = new FakeCdn(this.applicationId);
    this.server = createServer((req, res) => {
      if (!this.cdn.serve(req, res)) void rest.serve(req, res);
    });
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    this.server.on("upgrade", (req, socket, head) => this.gateway.onUpgrade(req, socket as Socket, head));
  }

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** REST base for discord.js `rest: { api }` / `DISCORD_API_URL` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The CDN base attachments are downloaded through (the bot's DISCORD_CDN_URL). */
  get cdnUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Stores a file as if a member attached it to a command: pass the result in the command's
   * `attachments` and its `id` as the attachment option's value.
   */
  addAttachment(filename: string, content: string | Buffer): FakeAttachment {
    return this.cdn.add(filename, content);
  }

  /** Changes what the CDN serves for an attachment already handed out. */
  replaceAttachment(attachment: FakeAttachment, content: string | Buffer): void {
    this.cdn.replace(attachment, content);
  }

  /** Every download from the fake CDN. */
  get cdnDownloads(): readonly CdnDownload[] {
    return this.cdn.downloads;
  }

  /** What `GET /gateway/bot` hands out; discord.js appends `?v=10&encoding=json`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** The default ids tests need: first guild, its first channel, its roles by name, a plain member. */
  get ids(): {
    application: string;
    bot: string;
    guild: string;
    channel: string;
    owner: string;
    user: string;
    role: (name: string) => string;
  } {
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
        if (!role)
          throw new Error(
            `fake-discord: guild ${guild.id} has no role named "${name}" (has ${guild.roles.map((r) => r.name).join(", ")})`,
          );
        return role.id;
      },
    };
  }

  /** Closes the server and every socket at once (no graceful close: tests must not wait on it). */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort();
      const error = new Error("fake-discord: closed");
      this.records.rejectWaiters(error);
      this.interactions.rejectWaiters(error);
      this.gateway.close(error);
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
    return this.records.waitForRequest(predicate, timeoutMs);
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
    return this.records.waitForGateway(predicate, timeoutMs);
  }

  /** Resolves once `shardId` has an identified or resumed connection that dispatches are sent to. */
  waitForShardReady(shardId: number, timeoutMs = 5000): Promise<void> {
    return this.gateway.waitForShardReady(shardId, timeoutMs);
  }

  isShardReady(shardId: number): boolean {
    return this.gateway.isShardReady(shardId);
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
    return this.interactions.get(id);
  }

  /** The stored commands, global or of one guild, as `GET …/commands` would return them. */
  commands(guildId?: string): StoredCommand[] {
    return this.commandStore.list(guildId);
  }

  /** Pre-registers commands as if an earlier deploy had PUT them. */
  seedCommands(definitions: Record<string, unknown>[], guildId?: string): StoredCommand[] {
    this.commandStore.overwrite(definitions, guildId);
    return this.commands(guildId);
  }

  /** Forgets recorded requests, gateway history and queued faults (not sessions, commands or interactions). */
  clearRecords(): void {
    this.records.clear();
  }

  // ─── Gateway: dispatch and fault controls ──────────────────────────────────────────────────────

  /**
   * Sends a dispatch event on a shard's session. If the socket is down or reconnecting, the event is
   * buffered and replayed on RESUME (like Discord); a fresh IDENTIFY loses it. Returns its sequence.
   */
  dispatch(shardId: number, event: string, data: unknown): number {
    return this.gateway.dispatch(shardId, event, data);
  }

  /** Closes a shard's socket with `code` (4000: resumable; 1000: the client re-identifies). */
  closeShard(shardId: number, code = 4000, reason = "fake-discord: closed by the test"): void {
    this.gateway.closeShard(shardId, code, reason);
  }

  /** Drops a shard's TCP connection without a close frame; the client sees 1006 and resumes. */
  terminateShard(shardId: number): void {
    this.gateway.terminateShard(shardId);
  }

  /** Sends op 7 RECONNECT: the client closes, reconnects to `resume_gateway_url` and resumes. */
  requestReconnect(shardId: number): void {
    this.gateway.requestReconnect(shardId);
  }

  /**
   * Sends op 9 INVALID SESSION. Resumable: the client RESUMEs on the same socket. Not resumable: the
   * session is dropped and the client reconnects and IDENTIFYs (discord.js throttles a shard's
   * identifies 5 s apart, so that recovery takes up to ~6.5 s).
   */
  invalidateSession(shardId: number, resumable: boolean): void {
    this.gateway.invalidateSession(shardId, resumable);
  }

  /** Stops (or resumes) answering heartbeats: discord.js then treats the connection as zombied. */
  setHeartbeatAcks(enabled: boolean, shardId?: number): void {
    this.gateway.setHeartbeatAcks(enabled, shardId);
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
    const { payload, madeMessage } = buildInteraction(spec, {
      bot: this.botUser,
      guilds: this.guilds,
      commands: this.commandStore,
    });
    if (madeMessage) this.interactions.keep(madeMessage);
    this.interactions.register(payload);
    return payload;
  }

  /** Makes the fake accept callbacks and webhooks for a hand-built (or HTTP-mode) interaction. */
  registerInteraction(payload: InteractionPayload): InteractionRecord {
    return this.interactions.register(payload);
  }

  /**
   * Dispatches INTERACTION_CREATE (waiting first for the shard to be ready) and resolves with the
   * accepted `POST …/callback` body. Rejects after the timeout with what the fake saw instead.
   */
  async sendInteraction(
    payload: InteractionPayload,
    options: SendInteractionOptions = {},
  ): Promise<InteractionCallback> {
    const timeoutMs = options.timeoutMs ?? this.interactionTimeoutMs;
    const started = Date.now();
    const record = this.interactions.register(payload);
    const shardId = options.shard ?? this.defaultShard(payload);
    await this.gateway.waitForShardReady(shardId, timeoutMs);
    // Registered before dispatching: the reply can arrive before `dispatch` returns to us.
    const answered = this.interactions.waitForCallback(record, Math.max(1, timeoutMs - (Date.now() - started)), () =>
      describeUnanswered(record, {
        shardId,
        timeoutMs,
        shard: this.gateway.describeShard(shardId),
        recentRequests: this.records.describeRecentRequests(),
      }),
    );
    record.shardId = shardId;
    record.dispatchedAt = Date.now();
    this.gateway.dispatch(shardId, "INTERACTION_CREATE", payload);
    const done = await answered;
    return structuredClone(done.callback!);
  }

  /**
   * HTTP-interactions mode: the bot answers in its HTTP response, which never reaches the fake.
   * Record that response as if it had been POSTed to the callback route (same checks), so the
   * bot's later webhook edits and follow-ups are accepted. Returns the refusal errors ([] = accepted).
   */
  recordHttpCallback(payload: InteractionPayload, body: unknown): string[] {
    const record = this.interactions.register(payload);
    record.dispatchedAt ??= Date.now();
    const refused = this.interactions.acceptCallback(record, body, null);
    if (!refused) return [];
    const response = refused.body as { message?: string; errors?: string[] };
    return response.errors ?? [response.message ?? `refused with ${refused.status}`];
  }

  /** The original response message of an interaction (to press its buttons, say). */
  originalMessage(interactionId: string): RawMessage | undefined {
    const original = this.interactions.get(interactionId)?.original;
    return original ? structuredClone(original) : undefined;
  }

  private defaultShard(payload: InteractionPayload): number {
    const guildId = payload.guild_id;
    if (typeof guildId !== "string" || !/^\d+$/.test(guildId)) return 0;
    return shardForGuild(guildId, this.gateway.shardCount());
  }
}
