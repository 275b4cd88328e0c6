/**
 * One small `node:http` server for every endpoint Verbatim serves: each handler answers its own paths
 * and returns false for the rest, so endpoints are added by listing them, not by editing a router.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.js";

/** Answers the request and returns true, or returns false without touching it. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Listens on `port` (0: any free port) and routes each request to the first handler that takes it. */
export async function serveHttp(port: number, handlers: readonly RequestHandler[], log: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        for (const handler of handlers) if (await handler(req, res)) return;
        res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      } catch (error) {
        log.error({ err: error, path: req.url }, "HTTP endpoint failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("internal error\n");
      }
    })();
  });
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
