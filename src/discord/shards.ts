/**
 * The sharded gateway (SHARD_COUNT): discord.js's ShardingManager runs each shard as a child process of
 * the same entry point, and /reload reaches every shard through `broadcastEval`.
 */
import { randomUUID } from "node:crypto";
import { REST, Routes, ShardingManager, type Client, type RESTGetAPIGatewayBotResult } from "discord.js";
import type { PlacedReport, ReloadReport } from "../content/reload-report.js";
import { reportOf, type ReloadEverywhere } from "../serving/reload-report.js";
import type { ContentStore } from "../serving/store.js";
import type { Logger } from "../log.js";

/** Discord lets one identify per 5 s through each `max_concurrency` bucket; a little margin on top. */
const IDENTIFY_INTERVAL_MS = 5500;
/** A shard that has not reloaded by then is reported as failed (it keeps its old content). */
const SHARD_RELOAD_TIMEOUT_MS = 15_000;
/** The client property each shard's reload is reached through (broadcastEval code sees only the client). */
const RELOAD_HOOK = "verbatimReloadHere";

export interface ShardingOptions {
  /** The compiled entry point each shard runs (main.js). */
  readonly entry: string;
  readonly token: string;
  readonly apiUrl: string | undefined;
  readonly shardCount: number | "auto";
  readonly log: Logger;
}

/**
 * Asks `GET /gateway/bot` through our own REST base: discord.js's `totalShards: "auto"` would ask
 * discord.com directly and ignore DISCORD_API_URL.
 */
async function gatewayBot(token: string, apiUrl: string | undefined): Promise<RESTGetAPIGatewayBotResult> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  return (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
}

/** Spawns every shard (each waits for the previous one's READY) and resolves once all are ready. */
export async function startShards(options: ShardingOptions): Promise<ShardingManager> {
  const { log } = options;
  const gateway = await gatewayBot(options.token, options.apiUrl);
  const shardCount = options.shardCount === "auto" ? gateway.shards : options.shardCount;
  const buckets = gateway.session_start_limit.max_concurrency;
  // Shards in different buckets may identify together; within a bucket they must wait their turn.
  const delay = shardCount <= buckets ? 0 : Math.ceil(IDENTIFY_INTERVAL_MS / buckets);

  const manager = new ShardingManager(options.entry, {
    totalShards: shardCount,
    token: options.token,
    execArgv: process.execArgv,
  });
  manager.on("shardCreate", (shard) => {
    shard.on("death", (child) =>
      log.warn({ shard: shard.id, exitCode: "exitCode" in child ? child.exitCode : undefined }, "shard process exited"),
    );
    shard.on("error", (error) => log.error({ shard: shard.id, err: error }, "shard could not be respawned"));
  });
  log.info({ shardCount, requested: options.shardCount, maxConcurrency: buckets, delayMs: delay }, "spawning shards");
  try {
    await manager.spawn({ amount: shardCount, delay });
  } catch (error) {
    await stopShards(manager);
    throw error;
  }
  log.info({ shardCount }, "all shards ready");
  return manager;
}

/** Stops every shard process (they disconnect cleanly on SIGTERM) and waits for them to exit. */
export async function stopShards(manager: ShardingManager): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    manager.shards.map(async (shard) => {
      const child = shard.process;
      if (child?.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }),
  );
}

function failed(reason: string): ReloadReport {
  return { status: "failed", reason };
}

/**
 * Inside a shard process: lets other shards reload this one's store, and returns the /reload function
 * that reloads every shard, each reporting separately. A shard that is down, throws or does not answer
 * in time keeps its old content and is reported as failed.
 */
export function reloadEveryShard(client: Client, store: ContentStore, log: Logger): ReloadEverywhere {
  const shardUtil = client.shard;
  if (shardUtil === null) throw new Error("reloadEveryShard needs a client started by the ShardingManager");
  const reloadHere = async (): Promise<ReloadReport> => reportOf(await store.reload());
  Object.defineProperty(client, RELOAD_HOOK, { value: reloadHere });

  const reloadShard = async (shard: number): Promise<PlacedReport> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReloadReport>((resolve) => {
      timer = setTimeout(
        () => resolve(failed(`no answer within ${SHARD_RELOAD_TIMEOUT_MS / 1000} s`)),
        SHARD_RELOAD_TIMEOUT_MS,
      );
    });
    // This function's source is sent to the shard and evaluated there, so it may use only its arguments.
    // `request` keeps concurrent reloads apart: discord.js shares the answer of identical evals.
    const evaluated = shardUtil
      .broadcastEval(
        (shardClient, { hook }) => (shardClient as unknown as Record<string, () => Promise<ReloadReport>>)[hook]!(),
        {
          shard,
          context: { hook: RELOAD_HOOK, request: randomUUID() },
        },
      )
      .then((report) => report as ReloadReport)
      .catch((error: unknown) => {
        log.warn({ shard, err: error }, "shard did not reload");
        return failed(error instanceof Error ? error.message : String(error));
      });
    try {
      return { shard, report: await Promise.race([evaluated, timeout]) };
    } finally {
      clearTimeout(timer);
    }
  };

  return () => Promise.all(Array.from({ length: shardUtil.count }, (_, shard) => reloadShard(shard)));
}
