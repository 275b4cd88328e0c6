/**
 * Web pages benchmark (`npm run bench:web`): builds the bot, runs it in MODE=http on the seed content, and
 * times GETs of its pages from this process over one keep-alive connection, one request at a time (what a
 * reader's phone waits for, on 127.0.0.1): the index, the seed interview's page, and /search with the
 * kinds of queries members type in /quote. Prints one JSON line per page kind (ms; targets of issue 16:
 * interview page p99 ≤ 20 ms, search p99 ≤ 30 ms).
 */
import { Agent, request } from "node:http";
import { buildBot, startBot } from "../testkit/bot-process.js";
import { InteractionSigner } from "../testkit/signer.js";

const SEED_ID = "altman-all-in-2024-05";
const SEARCHES = [
  "董事会",
  "董事會",
  "dongshihui",
  "OpenAI",
  "GPT-5",
  "芯片",
  "开源模型",
  "AGI",
  "炒鱿鱼",
  "Sam被董事会辞退的原因",
];
const WARMUP = 200;
const RUNS = 2000;
const TARGETS: Readonly<Record<string, number>> = { interview: 20, search: 30 };

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET, whole body read: resolves with the milliseconds it took, or rejects on a status other than 200. */
function timedGet(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { agent }, (response) => {
      response.resume();
      response.on("end", () => {
        if (response.statusCode === 200) resolve(performance.now() - started);
        else reject(new Error(`${url}: ${response.statusCode}`));
      });
    })
      .on("error", reject)
      .end();
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

async function measure(kind: string, urls: readonly string[]): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await timedGet(urls[i % urls.length]!);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timedGet(urls[i % urls.length]!));
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 99);
  const target = TARGETS[kind];
  console.log(
    JSON.stringify({
      page: kind,
      requests: RUNS,
      p50Ms: round(percentile(times, 50)),
      p99Ms: round(p99),
      maxMs: round(times.at(-1) ?? Number.NaN),
      ...(target === undefined ? {} : { targetP99Ms: target, met: p99 <= target }),
    }),
  );
}

buildBot();
const bot = await startBot({
  env: { MODE: "http", PORT: "0", DISCORD_PUBLIC_KEY: new InteractionSigner().publicKeyHex, DISCORD_TOKEN: undefined },
  readyMessage: "listening for interactions",
});
try {
  const listening = await bot.waitForLog((line) => line.msg === "listening for interactions");
  const base = `http://127.0.0.1:${String(listening.port)}`;
  await measure("index", [`${base}/`]);
  await measure("interview", [`${base}/interviews/${SEED_ID}`]);
  await measure(
    "search",
    SEARCHES.map((query) => `${base}/search?${new URLSearchParams({ q: query }).toString()}`),
  );
} finally {
  agent.destroy();
  await bot.stop();
}
