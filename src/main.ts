/**
 * `npm start`: wires config, logging, content, signals and the transport the config names — the gateway
 * (one process, or a ShardingManager whose shard processes run this same file) or the HTTP interactions
 * endpoint. The process concerns live here; the bot logic knows nothing of exit codes.
 */
import { fileURLToPath } from "node:url";
import { commands } from "../commands/index.js";
import { Verbatim } from "./interactions/app.js";
import { ConfigError, readConfig, type Config, type Sharding } from "./config.js";
import { libraryStats } from "./content/library.js";
import { formatContentError } from "./content/model.js";
import { ContentStore } from "./serving/store.js";
import { watchContent } from "./serving/watch.js";
import { createClient, gatewayStatus, startGateway } from "./discord/gateway.js";
import { reloadEveryShard, startShards, stopShards } from "./discord/shards.js";
import { startHttpMode } from "./http/start.js";
import { createLogger } from "./log.js";
import { contentStoreMetrics, recordInteraction } from "./ops/metrics.js";
import { opsEndpoint, startOpsServer } from "./ops/server.js";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: Config;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(`Verbatim cannot start: ${error.message}`);
  throw error;
}
const { transport } = config;
const sharding: Sharding = transport.mode === "gateway" ? transport.sharding : { role: "single" };

// A shard's log lines say which shard wrote them: every shard logs to the same stdout.
const rootLog = createLogger(config.logLevel);
const log = sharding.role === "shard" ? rootLog.child({ shard: sharding.shardIds }) : rootLog;
process.on("unhandledRejection", (reason) =>
  log.error({ err: reason }, "unhandled promise rejection (the bot keeps running)"),
);

/** What to stop on SIGINT/SIGTERM, in order of registration. */
const stops: (() => unknown)[] = [];
const shutdown = (reason: string): void => {
  log.info({ reason }, "shutting down");
  void Promise.allSettled(stops.map((stop) => stop())).finally(() => process.exit(0));
};
process.once("SIGINT", () => shutdown("SIGINT"));
process.once("SIGTERM", () => shutdown("SIGTERM"));

/** Start with the good interviews and log the bad; with no good interview there is nothing to serve. */
async function openContent(): Promise<ContentStore> {
  const { store, errors, warnings } = await ContentStore.open(config.contentDir, contentStoreMetrics);
  for (const error of errors)
    log.warn({ file: error.file, line: error.line }, `content error: ${formatContentError(error)}`);
  for (const warning of warnings)
    log.warn({ file: warning.file, line: warning.line }, `content warning: ${formatContentError(warning)}`);
  const stats = libraryStats(store.current.library);
  if (stats.interviews === 0) {
    fail(
      `Verbatim cannot start: no valid interview in ${config.contentDir} (${errors.length} problem(s) above). Check it with \`npm run check-content\`.`,
    );
  }
  log.info(
    {
      contentDir: config.contentDir,
      version: store.current.library.version,
      ...stats,
      errors: errors.length,
      warnings: warnings.length,
    },
    "content loaded",
  );
  return store;
}

function failToConnect(error: unknown): never {
  const code = (error as { code?: string | number }).code;
  const hint =
    code === "TokenInvalid" || code === 401
      ? "Discord refused DISCORD_TOKEN: check the token in .env"
      : "could not connect to Discord";
  log.fatal({ err: error }, hint);
  fail(`Verbatim cannot start: ${hint}.`);
}

if (transport.mode === "http") {
  const store = await openContent();
  const app = new Verbatim({
    commands,
    store,
    log,
    moderatorRoleIds: config.moderatorRoleIds,
    cooldown: config.quoteCooldown,
    onAnswered: recordInteraction,
  });
  // Replicas share nothing but the folder: each polls it, so a /reload on one (or an edit on disk)
  // reaches every other replica within a few seconds, through the same all-or-nothing reload.
  stops.push(watchContent(store, log));
  try {
    const server = await startHttpMode(app, {
      port: transport.port,
      publicKey: transport.publicKey,
      apiUrl: config.apiUrl,
      token: transport.token,
      guildId: config.guildId,
      endpoints: [opsEndpoint(store, () => "not used")],
    });
    stops.push(() => server.close());
  } catch (error) {
    log.fatal({ err: error, port: transport.port }, "could not listen for interactions");
    fail(
      `Verbatim cannot start: could not listen on PORT ${transport.port} (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
} else if (sharding.role === "manager") {
  // The manager serves nothing itself: it spawns one process per shard, each running this file.
  if (config.opsPort !== undefined)
    log.warn("HTTP_PORT is not served in sharded mode: the shards would all want the same port");
  try {
    const manager = await startShards({
      entry: fileURLToPath(import.meta.url),
      token: transport.token,
      apiUrl: config.apiUrl,
      shardCount: sharding.shardCount,
      log,
    });
    stops.push(() => stopShards(manager));
  } catch (error) {
    failToConnect(error);
  }
} else {
  const store = await openContent();
  const client = createClient(config.apiUrl);
  const isShard = sharding.role === "shard";
  const app = new Verbatim({
    commands,
    store,
    log,
    moderatorRoleIds: config.moderatorRoleIds,
    cooldown: config.quoteCooldown,
    reloadEverywhere: isShard ? reloadEveryShard(client, store, log) : undefined,
    onAnswered: recordInteraction,
  });
  if (config.watchContent) stops.push(watchContent(store, log));
  if (config.opsPort !== undefined && !isShard)
    await startOpsServer(config.opsPort, store, () => gatewayStatus(client), log);
  stops.push(() => client.destroy());
  // A shard whose manager is gone would serve on unsupervised: stop with it.
  if (isShard) process.once("disconnect", () => shutdown("sharding manager gone"));
  try {
    await startGateway(app, client, {
      token: transport.token,
      guildId: config.guildId,
      syncCommands: !isShard || sharding.shardIds.includes(0),
    });
  } catch (error) {
    failToConnect(error);
  }
}
