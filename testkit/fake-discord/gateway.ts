/**
 * The gateway side of the fake: WebSocket connections on `/gateway`, HELLO and heartbeats, IDENTIFY
 * (READY and GUILD_CREATE) and RESUME (replay of buffered events), one session per shard, dispatches,
 * and the faults a test can cause (closes, dropped sockets, op 7, op 9, unanswered heartbeats).
 * Longer than the other modules because it is one state machine: sessions, connections and their
 * transitions read best in one place.
 */
import type { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import { guildCreate, type FakeGuild } from "./guilds.js";
import { isRecord, str } from "./json.js";
import type { RawUser } from "./payloads.js";
import { PRIVILEGED_INTENTS } from "./permissions.js";
import type { ConnectionRecord, GatewayLogEntry, IdentifyRecord, Records, ResumeRecord } from "./records.js";
import { shardForGuild } from "./snowflakes.js";
import { WaitList } from "./wait-list.js";

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

export interface GatewayOptions {
  readonly heartbeatIntervalMs: number;
  /** When set, IDENTIFY and RESUME must carry it (else close 4004). */
  readonly token: string | undefined;
  readonly allowPrivilegedIntents: boolean;
}

export interface GatewayWorld {
  /** The bot user; its id is the application id. */
  readonly bot: RawUser;
  readonly guilds: readonly FakeGuild[];
  /** The gateway's URL, known once the fake listens. */
  readonly url: () => string;
  readonly records: Records;
  /** Gets `identify` and `resume` events. */
  readonly events: EventEmitter;
  readonly closing: AbortSignal;
}

export class FakeGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly live = new Set<Connection>();
  private readonly sessionsByShard = new Map<number, Session>();
  private readonly sessionsById = new Map<string, Session>();
  private readonly readyWaiters = new WaitList<number>();
  private nextConnectionId = 1;
  private readonly bot: RawUser;
  private readonly guilds: readonly FakeGuild[];
  private readonly url: () => string;
  private readonly records: Records;
  private readonly events: EventEmitter;
  private readonly closing: AbortSignal;

  constructor(
    private readonly options: GatewayOptions,
    world: GatewayWorld,
  ) {
    this.bot = world.bot;
    this.guilds = world.guilds;
    this.url = world.url;
    this.records = world.records;
    this.events = world.events;
    this.closing = world.closing;
  }

  /** Resolves once `shardId` has an identified or resumed connection that dispatches are sent to. */
  async waitForShardReady(shardId: number, timeoutMs: number): Promise<void> {
    await this.readyWaiters.wait(
      this.isShardReady(shardId) ? [shardId] : [],
      (id) => id === shardId && this.isShardReady(shardId),
      timeoutMs,
      () =>
        `fake-discord: shard ${shardId} did not become ready within ${timeoutMs} ms (${this.describeShard(shardId)})`,
    );
  }

  isShardReady(shardId: number): boolean {
    const connection = this.sessionsByShard.get(shardId)?.connection;
    return !!connection && connection.ready && connection.ws.readyState === WebSocket.OPEN;
  }

  /** The shard count of the current sessions (1 before any IDENTIFY). */
  shardCount(): number {
    return [...this.sessionsByShard.values()].find((s) => s.valid)?.shardCount ?? 1;
  }

  /** Ends every connection at once and refuses waiters (no graceful close: tests must not wait on it). */
  close(error: Error): void {
    this.readyWaiters.rejectAll(error);
    for (const connection of this.live) connection.ws.terminate();
    this.wss.close();
  }

  /**
   * Sends a dispatch event on a shard's session. If the socket is down or reconnecting, the event is
   * buffered and replayed on RESUME (like Discord); a fresh IDENTIFY loses it. Returns its sequence.
   */
  dispatch(shardId: number, event: string, data: unknown): number {
    const session = this.sessionsByShard.get(shardId);
    if (!session?.valid) throw new Error(`fake-discord: cannot dispatch ${event}: ${this.describeShard(shardId)}`);
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

  /** The node:http `upgrade` listener: WebSocket connections to `/gateway…` (refused once the fake is closing). */
  onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!url.pathname.startsWith("/gateway") || this.closing.aborted) {
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
    this.records.connections.push(record);
    const connection: Connection = {
      record,
      ws,
      session: null,
      ready: false,
      authenticated: false,
      ackHeartbeats: true,
    };
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
    if (v !== "10")
      return this.protocolClose(connection, 4012, `fake-discord: unsupported API version v=${v ?? "(none)"}`);
    if (encoding !== undefined && encoding !== "json")
      return this.protocolClose(connection, 4002, "fake-discord: only encoding=json is supported");
    if (compress !== undefined)
      return this.protocolClose(
        connection,
        4002,
        `fake-discord: compress=${compress} is not supported (is zlib-sync installed?)`,
      );
    this.send(connection, {
      op: 10,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ["fake-discord"] },
      s: null,
      t: null,
    });
  }

  private onGatewayMessage(connection: Connection, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(textOf(data)) as {
        op?: unknown;
        d?: unknown;
      };
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
      Array.isArray(d.shard) && typeof d.shard[0] === "number" && typeof d.shard[1] === "number"
        ? [d.shard[0], d.shard[1]]
        : [0, 1];
    const intents = typeof d.intents === "number" ? d.intents : -1;
    const identify: IdentifyRecord = {
      time: Date.now(),
      connectionId: connection.record.id,
      shard,
      intents,
      token,
      data: d,
    };
    this.records.identifies.push(identify);
    this.events.emit("identify", identify);
    if (this.options.token !== undefined && token !== this.options.token)
      return this.protocolClose(connection, 4004, "Authentication failed.");
    if (shard[0] < 0 || shard[1] < 1 || shard[0] >= shard[1])
      return this.protocolClose(connection, 4010, "Invalid shard.");
    if (intents < 0) return this.protocolClose(connection, 4013, "Invalid intent(s).");
    if (intents & PRIVILEGED_INTENTS && !this.options.allowPrivilegedIntents)
      return this.protocolClose(connection, 4014, "Disallowed intent(s).");

    const previous = this.sessionsByShard.get(shard[0]);
    if (previous) previous.valid = false;
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      shardId: shard[0],
      shardCount: shard[1],
      seq: 0,
      events: [],
      connection,
      truncatedThrough: 0,
      valid: true,
    };
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
        user: this.bot,
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: session.id,
        session_type: "normal",
        // Distinct from the initial URL so tests can see that resumes use it.
        resume_gateway_url: `${this.url()}/resume`,
        shard,
        application: { id: this.bot.id, flags: 0 },
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
    for (const guild of guilds) this.dispatch(session.shardId, "GUILD_CREATE", guildCreate(guild, this.bot));
    this.readyWaiters.offer(session.shardId);
  }

  private onResume(connection: Connection, d: Record<string, unknown>): void {
    if (connection.authenticated) return this.protocolClose(connection, 4005, "fake-discord: already authenticated");
    const sessionId = str(d.session_id);
    const seq = typeof d.seq === "number" ? d.seq : -1;
    const session = this.sessionsById.get(sessionId);
    const record: ResumeRecord = {
      time: Date.now(),
      connectionId: connection.record.id,
      sessionId,
      seq,
      ok: false,
      replayed: 0,
    };
    this.records.resumes.push(record);
    if (this.options.token !== undefined && str(d.token) !== this.options.token) {
      this.events.emit("resume", record);
      return this.protocolClose(connection, 4004, "Authentication failed.");
    }
    if (!session || !session.valid || seq < 0 || seq > session.seq || seq < session.truncatedThrough) {
      this.events.emit("resume", record);
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
    this.events.emit("resume", record);
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
    if (connection?.ws.readyState !== WebSocket.OPEN) {
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
    this.records.gateway(entry);
  }

  /** A shard's session and connection as one line, for error messages. */
  describeShard(shardId: number): string {
    const session = this.sessionsByShard.get(shardId);
    if (!session) {
      const known = [...this.sessionsByShard.keys()];
      return `shard ${shardId} never identified${known.length ? ` (shards with sessions: ${known.join(", ")})` : " (no client has identified)"}`;
    }
    const connection = session.connection;
    return `session ${session.id.slice(0, 8)} seq ${session.seq}${session.valid ? "" : " (invalidated)"}, ${
      connection
        ? `connection #${connection.record.id} ${connection.ready ? "ready" : "not ready"}`
        : "no connection (client reconnecting?)"
    }`;
  }
}

/** A WebSocket message's text, whichever of its three shapes `ws` delivered. */
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return Buffer.isBuffer(data) ? data.toString() : Buffer.from(new Uint8Array(data)).toString();
}
