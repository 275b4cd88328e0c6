/**
 * `node dist/src/cli/healthcheck.js`: the container's HEALTHCHECK. Asks this machine's own `/healthz` on the
 * port the settings give it (PORT with MODE=http, HTTP_PORT in gateway mode): exit 0 when it answers 200,
 * else 1 with the reason on stderr. Built files only, no dependency, so it runs in the slim image.
 */
import { ConfigError, readConfig } from "../config.js";

const TIMEOUT_MS = 4000;

function unhealthy(reason: string): never {
  console.error(`unhealthy: ${reason}`);
  process.exit(1);
}

let port: number | undefined;
try {
  const config = readConfig();
  port = config.transport.mode === "http" ? config.transport.port : config.opsPort;
} catch (error) {
  if (error instanceof ConfigError) unhealthy(error.message);
  throw error;
}
if (port === undefined) unhealthy("HTTP_PORT is not set, so this gateway-mode bot serves no /healthz");

try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = await response.text();
  if (response.status !== 200) unhealthy(`/healthz answered ${response.status} ${body}`);
  console.log(body);
} catch (error) {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  unhealthy(`no answer from port ${port} (${cause ?? (error instanceof Error ? error.message : String(error))})`);
}
