/**
 * `npm start`: wires config, logging, content, signals and the Discord client. The process concerns live
 * here; the bot logic knows nothing of exit codes.
 */
import { Verbatim } from "./app.js";
import { ConfigError, readConfig, type Config } from "./config.js";
import { libraryStats } from "./content/library.js";
import { formatContentError } from "./content/model.js";
import { ContentStore } from "./content/store.js";
import { watchContent } from "./content/watch.js";
import { gatewayStatus, startGateway } from "./discord/gateway.js";
import { createLogger } from "./log.js";
import { startOpsServer } from "./ops/server.js";

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

const log = createLogger(config.logLevel);
process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection (the bot keeps running)"));

// Start with the good interviews and log the bad; with no good interview there is nothing to serve.
const { store, errors } = await ContentStore.open(config.contentDir);
for (const error of errors) log.warn({ file: error.file, line: error.line }, `content error: ${formatContentError(error)}`);
const stats = libraryStats(store.current.library);
if (stats.interviews === 0) {
  fail(`Verbatim cannot start: no valid interview in ${config.contentDir} (${errors.length} problem(s) above). Check it with \`npm run check-content\`.`);
}
log.info({ contentDir: config.contentDir, version: store.current.library.version, ...stats, errors: errors.length }, "content loaded");

const app = new Verbatim(store, log, config.moderatorRoleIds);
const stopWatching = config.watchContent ? watchContent(store, log) : undefined;

let client: Awaited<ReturnType<typeof startGateway>> | undefined;
if (config.opsPort !== undefined) await startOpsServer(config.opsPort, store, () => gatewayStatus(client), log);
const shutdown = (signal: string): void => {
  log.info({ signal }, "shutting down");
  stopWatching?.();
  void Promise.resolve(client?.destroy()).finally(() => process.exit(0));
};
process.once("SIGINT", () => shutdown("SIGINT"));
process.once("SIGTERM", () => shutdown("SIGTERM"));

try {
  client = await startGateway(app, { token: config.token, apiUrl: config.apiUrl, guildId: config.guildId });
} catch (error) {
  const code = (error as { code?: string | number }).code;
  const hint = code === "TokenInvalid" || code === 401 ? "Discord refused DISCORD_TOKEN: check the token in .env" : "could not connect to Discord";
  log.fatal({ err: error }, hint);
  fail(`Verbatim cannot start: ${hint}.`);
}
