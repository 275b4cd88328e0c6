/**
 * Faults injected into the REST API: a test queues them, and the first matching requests get an error
 * status, a 429 with the rate-limit headers @discordjs/rest reads, or a delay before being served.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { discordError, type RouteResult } from "./answers.js";
import type { RecordedRequest } from "./records.js";
import type { RouteStep } from "./rest-server.js";

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

/**
 * The route step that applies the first queued fault matching the request (and counts the hit). A
 * delay answers 503 if the fake closes meanwhile; otherwise the request goes on to its route.
 */
export function injectFaults(faults: QueuedFault[], closing: AbortSignal): RouteStep {
  return ({ request }) => {
    const fault = faults.find((f) => f.hits < (f.spec.times ?? 1) && matches(f.spec.match, request));
    if (!fault) return null;
    fault.hits++;
    const { spec } = fault;
    if (spec.kind === "delay") {
      request.fault = `delay ${spec.delayMs} ms`;
      return sleep(spec.delayMs, undefined, { signal: closing }).then(
        () => null,
        () => discordError(503, 0, "fake-discord: closed"),
      );
    }
    if (spec.kind === "status") {
      const status = spec.status ?? 500;
      request.fault = `status ${status}`;
      return { status, body: spec.body ?? { message: `${status}: Internal Server Error (injected)`, code: 0 } };
    }
    return rateLimited(spec, request);
  };
}

function rateLimited(spec: Extract<RestFault, { kind: "rateLimit" }>, request: RecordedRequest): RouteResult {
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

function matches(matcher: RequestMatcher | undefined, request: RecordedRequest): boolean {
  if (!matcher) return true;
  if (typeof matcher === "function") return matcher(request);
  if (matcher.method && matcher.method.toUpperCase() !== request.method) return false;
  const { path } = matcher;
  if (path === undefined) return true;
  if (typeof path === "string") return path === request.path || path === request.route;
  return path.test(request.path);
}
