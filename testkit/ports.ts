/**
 * TCP ports on 127.0.0.1 for servers whose address must be known before they start (PUBLIC_URL, HTTP_PORT,
 * DISCORD_API_URL), and for tests that need connections refused on a known port for a while (Discord not up yet).
 */
import { createServer } from "node:net";

/**
 * Below Linux's ephemeral range (32768–60999): a server that listens on port 0 (every fake Discord and bot of the
 * test files running meanwhile) is never given one of these, so a port stays free until it is bound by number. A
 * port from the ephemeral range could be handed to such a server between the probe and its use: a test expecting
 * ECONNREFUSED there once got another test's HTTP 404.
 */
const QUIET_PORTS = { from: 20_000, to: 32_000 };

/** A TCP port free on 127.0.0.1 now, that no server listening on port 0 will be given. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = QUIET_PORTS.from + Math.floor(Math.random() * (QUIET_PORTS.to - QUIET_PORTS.from));
    if (await isFree(port)) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
