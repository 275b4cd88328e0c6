/**
 * `npm start`: wires config, logging, content, signals and the transport the config names — the gateway
 * (one process, or a ShardingManager whose shard processes run this same file) or the HTTP interactions
 * endpoint. The process concerns live here; the bot logic knows nothing of exit codes.
 */
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { commands } from "../commands/index.js";
import { Verbatim } from "./interactions/app.js";
import { ConfigError, readConfig, type Config, type Sharding } from "./config.js";
import { libraryStats } from "./content/library.js";
import { formatContentError } from "./content/model.js";
import { cdnDownloader } from "./discord/attachments.js";
import { followRemote } from "./serving/follow-remote.js";
import { ContentPublisher } from "./serving/publisher.js";
import { reloadHere, type ReloadEverywhere } from "./serving/reload-report.js";
import { ContentStore } from "./serving/store.js";
import { ContentVersions } from "./serving/versions.js";
import { watchContent } from "./serving/watch.js";
import { closeGatewayGracefully, createClient, gatewayStatus, startGateway } from "./discord/gateway.js";
import { causeOf, retryConnecting } from "./discord/retry.js";
import { reloadEveryShard, startShards, stopShards } from "./discord/shards.js";
import { closeGracefully } from "./http/server.js";
import { startHttpMode } from "./http/start.js";
import { createLogger } from "./log.js";
import { contentStoreMetrics, recordInteraction, recordStatsLoss } from "./ops/metrics.js";
import { startUsageRecorder } from "./stats/open.js";
import type { AnsweredInteraction } from "./interactions/app.js";
import { opsEndpoint, startOpsServer } from "./ops/server.js";
import type { UsageReader } from "./stats/report.js";
import { webEndpoint } from "./web/site.js";
import { counted } from "./render/strings.js";

// Each interaction's short-lived objects outlive a young-generation collection or two while its reply is in
// flight, so they reach the old generation as garbage; left to its own heuristics V8 lets that generation
// grow to about three times the live heap before collecting it (the bot with the seed: 40 MB live, 210 MB
// RSS under load). Growing it by a fifth at a time keeps the same bot near 145 MB for a full collection every
// few hundred interactions (see BENCHMARKS.md). Set here rather than on the command line so that every way
// of starting the bot (npm start, node dist/src/main.js, a shard process, a container) gets it.
v8.setFlagsFromString("--heap-growing-percent=20");

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

// A shard's log lines say which shard wrote them: every shard logs to the same stdout (or the same log store).
const rootLog = createLogger(config.logLevel);
const log =
  sharding.role === "shard" || sharding.role === "slice" ? rootLog.child({ shard: sharding.shardIds }) : rootLog;
process.on("unhandledRejection", (reason) =>
  log.error({ err: reason }, "unhandled promise rejection (the bot keeps running)"),
);
for (const warning of config.ignored) log.warn(warning);

/** How long SIGTERM waits for interactions in progress (and their deferred edits) before exiting anyway. */
const DRAIN_MS = 10_000;

/**
 * What to stop on SIGINT/SIGTERM, the last registered first: serving stops (its interactions finishing) before what
 * the answers use, such as the usage statistics, is closed.
 */
const stops: (() => unknown)[] = [];
const shutdown = (reason: string): void => {
  log.info({ reason }, "shutting down");
  void (async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log.error({ err: error }, "a part of the bot failed to stop cleanly");
      }
    }
  })().finally(() => process.exit(0));
};
process.once("SIGINT", () => shutdown("SIGINT"));
process.once("SIGTERM", () => shutdown("SIGTERM"));

const { contentGit } = config;
const versions = new ContentVersions(
  config.contentDir,
  contentGit === undefined ? undefined : { url: contentGit.url, branch: contentGit.branch },
);

/** With CONTENT_GIT_URL, the content folder is a clone of the remote: made (or checked) before anything reads it. */
async function cloneContent(): Promise<void> {
  if (contentGit === undefined) return;
  try {
    await versions.cloneRemote();
  } catch (error) {
    log.fatal({ err: error }, "could not clone the content repository");
    fail(
      `Verbatim cannot start: could not clone CONTENT_GIT_URL into ${config.contentDir} (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/**
 * What /content changes the content through, and what /reload runs: with a remote, /reload fetches and
 * fast-forwards first. `follow`: this process polls the remote (with shards, only the one holding shard 0,
 * whose reload reaches every shard).
 */
function contentLifecycle(
  store: ContentStore,
  reloadEverywhere: ReloadEverywhere,
  follow: boolean,
): { publisher: ContentPublisher; reloadEverywhere: ReloadEverywhere } {
  const publisher = new ContentPublisher({ store, versions, download: cdnDownloader(config.cdnUrl), reloadEverywhere });
  void publisher.noteServedCommit();
  if (contentGit === undefined) return { publisher, reloadEverywhere };
  if (follow) stops.push(followRemote(publisher, log, contentGit.pollSeconds));
  return { publisher, reloadEverywhere: () => publisher.pullAndReload() };
}

/** Start with the good interviews and log the bad; with no good interview there is nothing to serve. */
async function openContent(): Promise<ContentStore> {
  await cloneContent();
  const { store, errors, warnings } = await ContentStore.open(config.contentDir, {
    ...contentStoreMetrics,
    onReload(event) {
      contentStoreMetrics.onReload(event);
      // Still correct, only slower for interactions meanwhile: say so, since it means the install is incomplete.
      if (event.outcome === "reloaded" && event.fallback !== undefined)
        log.warn({ reason: event.fallback }, "content reloaded on the main thread: the reload worker could not run");
    },
  });
  for (const error of errors)
    log.warn({ file: error.file, line: error.line }, `content error: ${formatContentError(error)}`);
  for (const warning of warnings)
    log.warn({ file: warning.file, line: warning.line }, `content warning: ${formatContentError(warning)}`);
  const stats = libraryStats(store.current.library);
  if (stats.interviews === 0) {
    fail(
      `Verbatim cannot start: no valid interview in ${config.contentDir} (${counted(errors.length, "# problem", "# problems")} above). Check it with \`npm run check-content\`.`,
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

/**
 * The usage statistics (unless STATS=off), closed last-written at shutdown, and what every answered
 * interaction is told to: the metrics and the statistics.
 */
async function startUsage(): Promise<{
  stats: UsageReader | undefined;
  onAnswered: (answered: AnsweredInteraction) => void;
}> {
  const recorder = await startUsageRecorder(config.stats, log, recordStatsLoss);
  if (recorder !== undefined) stops.push(() => recorder.close());
  return {
    stats: recorder,
    onAnswered: (answered) => {
      recordInteraction(answered);
      recorder?.record(answered);
    },
  };
}

/** The app both transports hand interactions to; `reloadEverywhere` and `follow` as `contentLifecycle` takes them. */
async function startApp(store: ContentStore, reloadEverywhere: ReloadEverywhere, follow: boolean): Promise<Verbatim> {
  return new Verbatim({
    commands,
    store,
    log,
    moderatorRoleIds: config.moderatorRoleIds,
    cooldown: config.quoteCooldown,
    ...(await startUsage()),
    publicUrl: config.publicUrl,
    ...contentLifecycle(store, reloadEverywhere, follow),
  });
}

/** What no retry can fix (retry.ts): a refused token, say. Network failures are retried and never get here. */
function failToConnect(error: unknown): never {
  const code = (error as { code?: string | number }).code;
  const hint =
    code === "TokenInvalid" || code === 401
      ? "Discord refused DISCORD_TOKEN: check the token in .env"
      : `could not connect to Discord (${causeOf(error)})`;
  log.fatal({ err: error }, hint);
  fail(`Verbatim cannot start: ${hint}.`);
}

if (transport.mode === "http") {
  const store = await openContent();
  const app = await startApp(store, reloadHere(store), true);
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
      // The web pages answer every other GET (a friendly 404 included), so they come last.
      endpoints: [opsEndpoint(store, () => "not used"), webEndpoint(store)],
    });
    // SIGTERM: no new connections; requests in progress are answered, and deferred edits sent, first.
    stops.push(async () => {
      const inProgress = await closeGracefully(server, DRAIN_MS);
      log.info({ inProgress }, "stopped serving interactions");
    });
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
  // Cloned once, here, before the shards start: they all serve the same folder.
  await cloneContent();
  try {
    const manager = await retryConnecting(
      () =>
        startShards({
          entry: fileURLToPath(import.meta.url),
          token: transport.token,
          apiUrl: config.apiUrl,
          shardCount: sharding.shardCount,
          log,
        }),
      { log },
    );
    stops.push(() => stopShards(manager));
  } catch (error) {
    failToConnect(error);
  }
} else {
  const store = await openContent();
  const client = createClient(config.apiUrl, sharding.role === "slice" ? sharding : undefined);
  const isShard = sharding.role === "shard";
  const follows = !isShard || sharding.shardIds.includes(0);
  const app = await startApp(store, isShard ? reloadEveryShard(client, store, log) : reloadHere(store), follows);
  // Processes on other machines share nothing but the folder: like HTTP replicas, each one polls it,
  // so a /reload on one reaches the others.
  if (config.watchContent || sharding.role === "slice") stops.push(watchContent(store, log));
  // While the first connection is being retried, /healthz says why (503): not ready yet.
  let waitingCause: string | undefined;
  if (config.opsPort !== undefined && !isShard) {
    const status = (): string =>
      waitingCause === undefined ? gatewayStatus(client) : `not connected (${waitingCause})`;
    await startOpsServer(config.opsPort, store, status, log, [webEndpoint(store)]);
  }
  // SIGTERM: interactions in progress are answered, and deferred edits sent, before disconnecting.
  stops.push(async () => {
    const inProgress = await closeGatewayGracefully(client, DRAIN_MS);
    log.info({ inProgress }, "stopped serving interactions");
  });
  // A shard whose manager is gone would serve on unsupervised: stop with it.
  if (isShard) process.once("disconnect", () => shutdown("sharding manager gone"));
  try {
    await startGateway(app, client, {
      token: transport.token,
      guildId: config.guildId,
      syncCommands: sharding.role === "single" || sharding.shardIds.includes(0),
      onWaiting: (cause) => (waitingCause = cause),
    });
  } catch (error) {
    failToConnect(error);
  }
}
