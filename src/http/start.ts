/** MODE=http: serve `POST /interactions` (and any other endpoints given) and sync the commands if we can. */
import type { Server } from "node:http";
import { REST } from "discord.js";
import type { Verbatim } from "../interactions/app.js";
import { syncAtStart } from "../discord/sync.js";
import { INTERACTIONS_PATH, interactionEndpoint } from "./interactions.js";
import { boundPort, serveHttp, type RequestHandler } from "./server.js";
import { ed25519PublicKey } from "./verify.js";

export interface HttpModeOptions {
  readonly port: number;
  /** The application's public key, 64 hex characters. */
  readonly publicKey: string;
  readonly apiUrl: string | undefined;
  /** Webhook edits need no token; command sync does, so without one it is skipped. */
  readonly token: string | undefined;
  readonly guildId: string | undefined;
  /** More endpoints on the same server (the operations endpoints). */
  readonly endpoints?: readonly RequestHandler[];
}

export async function startHttpMode(app: Verbatim, options: HttpModeOptions): Promise<Server> {
  const { log } = app;
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {});
  if (options.token !== undefined) rest.setToken(options.token);
  const interactions = interactionEndpoint(app, {
    publicKey: ed25519PublicKey(options.publicKey),
    webhooks: rest,
    log,
  });
  const server = await serveHttp(options.port, [interactions, ...(options.endpoints ?? [])], log);
  log.info({ port: boundPort(server), path: INTERACTIONS_PATH }, "listening for interactions");

  if (options.token !== undefined) await syncAtStart(rest, undefined, options.guildId, log);
  else
    log.info(
      "no DISCORD_TOKEN: the command definitions were not synced (run `npm run deploy-commands` with the token)",
    );
  return server;
}
