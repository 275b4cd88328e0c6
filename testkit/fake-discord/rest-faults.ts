/**
 * Faults injected into the REST API: a test queues them, and the first matching requests get an error
 * status, a 429 with the rate-limit headers @discordjs/rest reads, or a delay before being served.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { discordError, type RouteResult } from "./answers.js";
import type { QueuedFault, RecordedRequest, RequestMatcher, RestFault } from "./records.js";
import type { RouteStep } from "./rest-server.js";

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
