/** TCP ports on 127.0.0.1 for servers whose address must be known before they start (PUBLIC_URL, DISCORD_API_URL). */
import { createServer } from "node:net";

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return listenOnce(0);
}

/**
 * Below Linux's ephemeral range (32768–60999): a server that listens on port 0 (every fake Discord and bot of the
 * other test files running meanwhile) is never given one of these.
 */
const QUIET_PORTS = { from: 20_000, to: 32_000 };

/**
 * A TCP port free on 127.0.0.1 that stays free until someone binds it by number: for a test that needs connections
 * to be refused there for a while (Discord not up yet). A `freePort()` can be handed to another process's server
 * in the meantime, which then answers instead of refusing.
 */
export async function refusingPort(): Promise<number> {
  for (;;) {
    const port = QUIET_PORTS.from + Math.floor(Math.random() * (QUIET_PORTS.to - QUIET_PORTS.from));
    const free = await listenOnce(port).then(
      () => true,
      () => false,
    );
    if (free) return port;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(port, "127.0.0.1", () => {
      const address = probe.address();
      const bound = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(bound));
    });
  });
}
