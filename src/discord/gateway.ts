/**
 * The gateway transport: the real discord.js client receives interactions over the WebSocket and
 * Verbatim answers them over REST. This file (and shards.ts, for the sharded case) is the only place
 * that touches discord.js's client.
 */
import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Options,
  Routes,
  Status,
  type APIInteraction,
} from "discord.js";
import type { Responder, Verbatim } from "../interactions/app.js";
import { InProgress } from "../interactions/in-progress.js";
import { retryConnecting } from "./retry.js";
import { syncAtStart } from "./sync.js";

export interface GatewayOptions {
  readonly token: string;
  /** Register commands in this server only (instant updates while developing). */
  readonly guildId: string | undefined;
  /** Whether this process syncs the command definitions (with shards, only shard 0 does). */
  readonly syncCommands: boolean;
  /** Told why the connection failed while waiting to try again (undefined once connected), for /healthz. */
  readonly onWaiting?: (cause: string | undefined) => void;
}

/** Some of the bot's shards, for a process that runs only those (the others run elsewhere). */
export interface ShardSlice {
  readonly shardIds: readonly number[];
  readonly shardCount: number;
}

/**
 * A client whose REST base is `apiUrl` (the gateway address then comes from that API's `GET
 * /gateway/bot`), running `slice`'s shards if given. Under the ShardingManager, discord.js reads its shard
 * ids from the environment it set.
 */
export function createClient(apiUrl: string | undefined, slice?: ShardSlice): Client {
  return new Client({
    ...(slice ? { shards: [...slice.shardIds], shardCount: slice.shardCount } : {}),
    // Slash commands need no privileged intent; Guilds keeps the server list for logs.
    intents: [GatewayIntentBits.Guilds],
    rest: apiUrl ? { api: apiUrl } : {},
    // Verbatim reads no messages, members or presences: keep none of them in memory.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: 0,
      UserManager: 0,
      PresenceManager: 0,
    }),
  });
}

/** The client's link to Discord for /healthz: `ready`, or its state (`reconnecting`, `resuming`, …). */
export function gatewayStatus(client: Client | undefined): string {
  if (client === undefined) return "connecting";
  return (Status[client.ws.status] ?? "unknown").replace(
    /[A-Z]/g,
    (letter, index: number) => (index === 0 ? "" : " ") + letter.toLowerCase(),
  );
}

/** Answers through REST: the callback endpoint, then the webhook edit for deferred work. */
function restResponder(client: Client, raw: APIInteraction): Responder {
  return {
    async callback(body) {
      await client.rest.post(Routes.interactionCallback(raw.id, raw.token), { body, auth: false });
    },
    async editOriginal(body) {
      await client.rest.patch(Routes.webhookMessage(raw.application_id, raw.token, "@original"), { body, auth: false });
    },
    async deleteOriginal() {
      await client.rest.delete(Routes.webhookMessage(raw.application_id, raw.token, "@original"), { auth: false });
    },
  };
}

/** Logs `client` in, wires interactions to `app`, and syncs the command definitions once ready. */
export async function startGateway(app: Verbatim, client: Client, options: GatewayOptions): Promise<void> {
  const { log } = app;

  const answering = new InProgress<string>();
  inProgress.set(client, answering);
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
    answering.track(raw.id, app.handle(raw, restResponder(client, raw)));
  });
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, "gateway disconnected"));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, "gateway reconnecting"));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, "gateway resumed"));
  client.on(Events.ShardError, (error, shard) => log.error({ shard, err: error }, "gateway error"));
  client.on(Events.Error, (error) => log.error({ err: error }, "client error"));

  // A network failure is tried again with backoff; a refused token is thrown at once.
  await retryConnecting(() => logIn(client, options.token), { log, onWaiting: options.onWaiting });
  const applicationId = client.application?.id ?? client.user?.id;
  if (applicationId === undefined) throw new Error("Discord's READY carried no application id");
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, applicationId }, "connected to Discord");

  if (options.syncCommands) await syncAtStart(client.rest, applicationId, options.guildId, log);
}

/** The interactions each client is answering: their replies, and the work after, such as a deferred reply's edit. */
const inProgress = new WeakMap<Client, InProgress<string>>();

/**
 * Lets every interaction in progress finish — its reply and the work its handler goes on with, such as a deferred
 * reply's edit — then disconnects. Interactions that arrive meanwhile are answered too: while connected, an answer
 * beats the silence Discord would show as "interaction failed". After `graceMs` it stops waiting. Resolves with how
 * many interactions were in progress when it was called.
 */
export async function closeGatewayGracefully(client: Client, graceMs: number): Promise<number> {
  const answering = inProgress.get(client);
  const pending = answering?.size ?? 0;
  await answering?.settled(graceMs);
  await client.destroy();
  return pending;
}

/** One login, resolved once the client is ready; a failed login leaves the client ready for another. */
async function logIn(client: Client, token: string): Promise<void> {
  let onReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => {
    onReady = () => resolve();
    client.once(Events.ClientReady, onReady);
  });
  try {
    await client.login(token);
  } catch (error) {
    if (onReady) client.off(Events.ClientReady, onReady);
    throw error;
  }
  await ready;
}
