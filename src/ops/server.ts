/**
 * The operations endpoints: `GET /healthz` (200 when serving, 503 with the reason otherwise: readiness),
 * `GET /livez` (200 while the process answers at all: liveness, so that a Discord outage, which /healthz
 * reports, does not get the bot restarted) and `GET /metrics` (Prometheus text). Mounted on their own
 * port in gateway mode (`HTTP_PORT`) and on the interactions server in HTTP mode.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { libraryStats } from "../content/library.js";
import type { ContentStore } from "../serving/store.js";
import { boundPort, serveHttp, type RequestHandler } from "../http/server.js";
import type { Logger } from "../log.js";
import { enableProcessMetrics, registry } from "./metrics.js";

/** What the transport says of its link to Discord: `ready`, or why not. */
export type TransportStatus = () => string;

export interface HealthReport {
  readonly status: "ok" | "unavailable";
  readonly reason?: string;
  /** `commit`: the content repository's commit served, when the content folder is a repository. */
  readonly content: { interviews: number; questions: number; lines: number; version: string; commit?: string };
  readonly gateway: string;
}

export function healthReport(store: ContentStore, transport: TransportStatus): HealthReport {
  const { library } = store.current;
  const stats = libraryStats(library);
  const content = {
    interviews: stats.interviews,
    questions: stats.questions,
    lines: stats.lines,
    version: library.version,
    ...(store.commit === undefined ? {} : { commit: store.commit }),
  };
  const gateway = transport();
  const reason =
    stats.interviews === 0
      ? "no content loaded"
      : gateway !== "ready" && gateway !== "not used"
        ? `gateway ${gateway}`
        : undefined;
  return reason === undefined
    ? { status: "ok", content, gateway }
    : { status: "unavailable", reason, content, gateway };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

/** Answers `/healthz`, `/livez` and `/metrics`; returns false for any other path, for the caller to route. */
export async function handleOpsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  store: ContentStore,
  transport: TransportStatus,
): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/healthz" && path !== "/livez" && path !== "/metrics") return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    send(res, 405, "text/plain", "method not allowed\n");
    return true;
  }
  if (path === "/healthz") {
    const report = healthReport(store, transport);
    send(res, report.status === "ok" ? 200 : 503, "application/json", JSON.stringify(report));
  } else if (path === "/livez") {
    send(res, 200, "application/json", JSON.stringify({ status: "alive" }));
  } else {
    send(res, 200, registry.contentType, await registry.metrics());
  }
  return true;
}

/** The operations endpoints as a handler for a shared server (the interactions server in HTTP mode). */
export function opsEndpoint(store: ContentStore, transport: TransportStatus): RequestHandler {
  enableProcessMetrics();
  return (req, res) => handleOpsRequest(req, res, store, transport);
}

/** The operations endpoints' own server (gateway mode), with `more` endpoints after them (the web pages). */
export async function startOpsServer(
  port: number,
  store: ContentStore,
  transport: TransportStatus,
  log: Logger,
  more: readonly RequestHandler[] = [],
): Promise<Server> {
  const server = await serveHttp(port, [opsEndpoint(store, transport), ...more], log);
  log.info({ port: boundPort(server) }, "operations server listening (/healthz, /metrics)");
  return server;
}
