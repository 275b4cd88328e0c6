/**
 * The operations endpoints: `GET /healthz` (200 when serving, 503 with the reason otherwise) and
 * `GET /metrics` (Prometheus text). Mounted on their own port in gateway mode (`HTTP_PORT`) and on the
 * interactions server in HTTP mode.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { libraryStats } from "../content/library.js";
import type { ContentStore } from "../content/store.js";
import type { Logger } from "../log.js";
import { enableProcessMetrics, registry } from "./metrics.js";

/** What the transport says of its link to Discord: `ready`, or why not. */
export type TransportStatus = () => string;

export interface HealthReport {
  readonly status: "ok" | "unavailable";
  readonly reason?: string;
  readonly content: { interviews: number; questions: number; lines: number; version: string };
  readonly gateway: string;
}

export function healthReport(store: ContentStore, transport: TransportStatus): HealthReport {
  const { library } = store.current;
  const stats = libraryStats(library);
  const content = { interviews: stats.interviews, questions: stats.questions, lines: stats.lines, version: library.version };
  const gateway = transport();
  const reason = stats.interviews === 0 ? "no content loaded" : gateway !== "ready" && gateway !== "not used" ? `gateway ${gateway}` : undefined;
  return reason === undefined ? { status: "ok", content, gateway } : { status: "unavailable", reason, content, gateway };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

/** Answers `/healthz` and `/metrics`; returns false for any other path, for the caller to route. */
export async function handleOpsRequest(req: IncomingMessage, res: ServerResponse, store: ContentStore, transport: TransportStatus): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/healthz" && path !== "/metrics") return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    send(res, 405, "text/plain", "method not allowed\n");
    return true;
  }
  if (path === "/healthz") {
    const report = healthReport(store, transport);
    send(res, report.status === "ok" ? 200 : 503, "application/json", JSON.stringify(report));
  } else {
    send(res, 200, registry.contentType, await registry.metrics());
  }
  return true;
}

/** A server with only the operations endpoints (gateway mode). */
export async function startOpsServer(port: number, store: ContentStore, transport: TransportStatus, log: Logger): Promise<Server> {
  enableProcessMetrics();
  const server = createServer((req, res) => {
    handleOpsRequest(req, res, store, transport)
      .then((handled) => {
        if (!handled) send(res, 404, "text/plain", "not found: try /healthz or /metrics\n");
      })
      .catch((error: unknown) => {
        log.error({ err: error }, "operations endpoint failed");
        if (!res.headersSent) send(res, 500, "text/plain", "internal error\n");
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  const address = server.address();
  log.info({ port: typeof address === "object" && address ? address.port : port }, "operations server listening (/healthz, /metrics)");
  return server;
}
