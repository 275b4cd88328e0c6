/**
 * What the fake records for assertions: every REST request with its answer, gateway connections,
 * IDENTIFYs, RESUMEs and payloads, and each interaction's callbacks and messages; with waits for a
 * record that may already exist or is still to come.
 */
import type { EventEmitter } from "node:events";
import type { IncomingHttpHeaders } from "node:http";
import type { Pings } from "./mentions.js";
import type { InteractionCallback, InteractionPayload, RawMessage } from "./payloads.js";
import { WaitList } from "./wait-list.js";

/* Faults a test queued for the REST server (applied by rest-faults.ts), kept with the records they act on. */

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

/**
 * The REST and gateway records (the arrays tests read as `fake.requests`, `fake.gatewayLog`, …), and
 * waiting on them. Interactions are recorded by the interaction store.
 */
export class Records {
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  readonly connections: ConnectionRecord[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly gatewayLog: GatewayLogEntry[] = [];
  /** Queued REST faults (consumed ones stay, with `hits`). */
  readonly faults: QueuedFault[] = [];
  private readonly requestWaiters = new WaitList<RecordedRequest>();
  private readonly gatewayWaiters = new WaitList<GatewayLogEntry>();

  /** `events` gets `request` and `gateway` events as they are recorded. */
  constructor(private readonly events: EventEmitter) {}

  /** A REST request has been answered (it was recorded on arrival). */
  answered(request: RecordedRequest): void {
    this.events.emit("request", request);
    this.requestWaiters.offer(request);
  }

  gateway(entry: GatewayLogEntry): void {
    this.gatewayLog.push(entry);
    this.events.emit("gateway", entry);
    this.gatewayWaiters.offer(entry);
  }

  /** Resolves with the first REST request (already answered, past or future) matching `predicate`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest> {
    return this.requestWaiters.wait(
      this.requests.filter((r) => r.status !== undefined),
      predicate,
      timeoutMs,
      () =>
        `fake-discord: no matching REST request within ${timeoutMs} ms; last requests: ${this.describeRecentRequests()}`,
    );
  }

  /** Resolves with the first gateway payload (either direction, past or future) matching `predicate`. */
  waitForGateway(predicate: (entry: GatewayLogEntry) => boolean, timeoutMs: number): Promise<GatewayLogEntry> {
    return this.gatewayWaiters.wait(
      this.gatewayLog,
      predicate,
      timeoutMs,
      () => `fake-discord: no matching gateway payload within ${timeoutMs} ms`,
    );
  }

  describeRecentRequests(): string {
    const recent = this.requests.slice(-6).map((r) => `${r.method} ${r.path} → ${r.status ?? "pending"}`);
    return recent.length ? recent.join("; ") : "none";
  }

  /** Forgets every record and queued fault. */
  clear(): void {
    for (const list of [
      this.requests,
      this.connections,
      this.identifies,
      this.resumes,
      this.gatewayLog,
      this.faults,
    ] as unknown[][])
      list.length = 0;
  }

  rejectWaiters(error: Error): void {
    this.requestWaiters.rejectAll(error);
    this.gatewayWaiters.rejectAll(error);
  }
}
