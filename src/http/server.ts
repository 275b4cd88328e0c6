/**
 * One small `node:http` server for every endpoint Verbatim serves: each handler answers its own paths
 * and returns false for the rest, so endpoints are added by listing them, not by editing a router.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InProgress } from "../interactions/in-progress.js";
import type { Logger } from "../log.js";

/** Answers the request and returns true, or returns false without touching it. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Each server's requests in progress, until their handler is done (which includes work that outlives the response). */
const inProgress = new WeakMap<Server, InProgress<ServerResponse>>();
/** Servers shutting down: what they still answer closes its connection. */
const closing = new WeakSet<Server>();

/** Listens on `port` (0: any free port) and routes each request to the first handler that takes it. */
export async function serveHttp(port: number, handlers: readonly RequestHandler[], log: Logger): Promise<Server> {
  const handling = new InProgress<ServerResponse>();
  const server = createServer((req, res) => {
    if (closing.has(server)) res.setHeader("connection", "close");
    const handled = (async () => {
      try {
        for (const handler of handlers) if (await handler(req, res)) return;
        res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      } catch (error) {
        log.error({ err: error, path: req.url }, "HTTP endpoint failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("internal error\n");
      }
    })();
    handling.track(res, handled);
  });
  inProgress.set(server, handling);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return server;
}

/** The port actually bound (useful with port 0). */
export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * Stops accepting connections, lets every request in progress finish — its answer and the work its handler
 * goes on with, such as a deferred reply's edit — then closes what is left. After `graceMs` it stops
 * waiting. Resolves with how many requests were still in progress when it was called.
 */
export async function closeGracefully(server: Server, graceMs: number): Promise<number> {
  const handling = inProgress.get(server) ?? new InProgress<ServerResponse>();
  const pending = handling.size;
  closing.add(server);
  // Answers still to be sent close their keep-alive connection, so no further request comes on it.
  for (const res of handling.keys()) if (!res.headersSent) res.setHeader("connection", "close");
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection may still bring a request after close(): settled() waits for those too.
  await handling.settled(graceMs);
  // Keep-alive connections outlive their requests: nothing more will come on them that we would answer.
  server.closeAllConnections();
  await closed;
  return pending;
}
