/**
 * HTTP interactions benchmark (`npm run bench:http`): builds the bot, runs it in MODE=http as 1 and then
 * 2 processes behind node:cluster (the primary — this process — hands connections out round-robin; with
 * keep-alive it is then out of the request path), and drives signed `/quote` requests at it with
 * autocannon on 127.0.0.1. Prints requests/s, p99 latency and failures per setup (failures must be 0).
 */
import cluster, { type Worker } from "node:cluster";
import { cpus } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { buildBot, MAIN } from "../testkit/bot-process.js";
import { FakeDiscord } from "../testkit/fake-discord.js";
import { InteractionSigner, post } from "../testkit/signer.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const KEYWORDS = ["董事会", "dongshihui", "OpenAI", "GPT-5", "芯片", "开源", "AGI", "Sam"];
const CONNECTIONS = 16;
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 8;

const signer = new InteractionSigner();

/** Starts `count` replicas of the compiled bot as cluster workers sharing one port; resolves with its URL. */
async function startReplicas(count: number): Promise<{ url: string; workers: Worker[] }> {
  cluster.setupPrimary({ exec: MAIN, execArgv: [], silent: true });
  const env = {
    MODE: "http",
    PORT: "0",
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    CONTENT_DIR: path.join(ROOT, "content"),
    LOG_LEVEL: "info",
    DISCORD_TOKEN: "",
  };
  const workers: Worker[] = [];
  const ports = await Promise.all(
    Array.from({ length: count }, () => {
      const worker = cluster.fork(env);
      workers.push(worker);
      return new Promise<number>((resolve, reject) => {
        worker.once("exit", (code) => reject(new Error(`replica exited with ${code}`)));
        // Every interaction is logged, as in production; the lines are read and dropped.
        createInterface({ input: worker.process.stdout! }).on("line", (text) => {
          const line = JSON.parse(text) as { msg?: string; port?: number };
          if (line.msg === "listening for interactions" && line.port !== undefined) resolve(line.port);
        });
      });
    }),
  );
  // Cluster workers that listen on port 0 share the one port the primary picked.
  return { url: `http://127.0.0.1:${ports[0]}`, workers };
}

async function stopReplicas(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve).kill("SIGTERM"))));
}

/** Signed `/quote` requests, one per keyword: signatures stay valid for five minutes, longer than the run. */
async function quoteRequests(url: string): Promise<autocannon.Request[]> {
  const fake = await FakeDiscord.start();
  try {
    const requests: autocannon.Request[] = [];
    for (const keyword of KEYWORDS) {
      const body = JSON.stringify(fake.interactionPayload({ kind: "command", name: "quote", options: { keyword } }));
      const headers = { "content-type": "application/json", ...signer.headers(body) };
      // Check the answer once before measuring: a fast 401 would look like a great figure.
      const answer = await post(`${url}/interactions`, body, { headers });
      if (answer.status !== 200 || (answer.body as { type?: number }).type !== 4)
        throw new Error(`/quote ${keyword}: ${answer.status} ${JSON.stringify(answer.body)}`);
      requests.push({ method: "POST", path: "/interactions", headers, body });
    }
    return requests;
  } finally {
    await fake.close();
  }
}

async function load(url: string, requests: autocannon.Request[], seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, requests });
}

buildBot();
const rows = [];
for (const replicas of [1, 2]) {
  const { url, workers } = await startReplicas(replicas);
  try {
    const requests = await quoteRequests(url);
    await load(url, requests, WARMUP_SECONDS);
    const result = await load(url, requests, MEASURE_SECONDS);
    rows.push({
      setup: replicas === 1 ? "1 replica" : `${replicas} processes (node:cluster)`,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    });
  } finally {
    await stopReplicas(workers);
  }
}
console.table(rows);
console.log(
  JSON.stringify({
    connections: CONNECTIONS,
    seconds: MEASURE_SECONDS,
    cpus: cpus().length,
    node: process.version,
    rows,
  }),
);
const failed = rows.some((row) => row.errors + row.timeouts + row.non2xx > 0);
process.exitCode = failed ? 1 : 0;
