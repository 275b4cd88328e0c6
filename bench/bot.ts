/**
 * Bot benchmark: `npm run bench [-- --quick] [--no-search] [--profile DIR] [--bot-node-arg=FLAG …]`.
 *
 * Builds the bot, runs the compiled bot as its own process against the fake Discord
 * (testkit/fake-discord.ts), and prints one JSON object: cold start, memory, interaction latency and
 * throughput with the seed content and with 2,500 generated interview files (100,000 transcript lines), the
 * time of a /reload of those files and the worst latency while it runs, and the search benchmark's figures.
 * Progress goes to stderr. See BENCHMARKS.md.
 *
 * Latencies are measured in this process, which is also the fake Discord: dispatch of INTERACTION_CREATE on
 * the gateway socket → the bot's interaction callback accepted by the fake (see bench/bot-load.ts).
 * Memory is read from /proc/<pid>/status of the bot process (VmRSS; VmHWM for the peak).
 *
 * --quick: 500 files, 500 interactions per run, 3 cold starts, 1 reload, no search benchmark.
 * --profile DIR: the bot runs with --cpu-prof (summarise with bench/profile-summary.ts).
 * --bot-node-arg=FLAG: an extra node flag for the bot process.
 * --stats-off: the bot runs with STATS=off (by default it records usage statistics into a SQLite file in its
 * scratch working directory), to compare the two.
 *
 * Over 300 lines because it is one script read top to bottom: main() runs the phases in order (build, cold
 * starts, latency, reload) and reports them as one object; the load machinery is in bench/bot-load.ts.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { buildBot, startBot, type BotProcess } from "../testkit/bot-process.js";
import { FakeDiscord, PERMISSIONS } from "../testkit/fake-discord.js";
import {
  cpuBetween,
  cpuSnapshot,
  figuresOf,
  interactionMix,
  median,
  memoryOf,
  round,
  runInteractions,
  timeOne,
  type CpuShare,
  type MixSource,
  type RunFigures,
} from "./bot-load.js";
import { writeInterviewFolder, type GeneratedFolder } from "../testkit/content-files.js";
import { loadSeedInterviews } from "../testkit/corpus.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
/** bench:search takes minutes of its own; --quick and --no-search leave it out. */
const withSearch = !quick && !process.argv.includes("--no-search");
/** Extra node flags for the bot process (`--bot-node-arg=--max-semi-space-size=2`, repeatable). */
const botNodeArgs = process.argv
  .filter((arg) => arg.startsWith("--bot-node-arg="))
  .map((arg) => arg.slice("--bot-node-arg=".length));
const statsOff = process.argv.includes("--stats-off");
const profileAt = process.argv.indexOf("--profile");
const profileDir = profileAt === -1 ? undefined : path.resolve(process.argv[profileAt + 1] ?? "bench-profiles");

const SIZES = quick
  ? { coldStarts: 3, interactions: 500, warmUp: 100, files: 500, reloads: 1 }
  : { coldStarts: 5, interactions: 2_000, warmUp: 300, files: 2_500, reloads: 3 };
const CONCURRENCY = 50;
/** While a reload runs, one interaction is sent every this many ms (200/s), whatever the answers. */
const DURING_RELOAD_INTERVAL_MS = 5;
/** How long the bot is left idle after the reloads before its memory is read again. */
const SETTLE_MS = 15_000;
/** Of the generated files, this share is edited before each reload (the others are only touched). */
const EDITED_SHARE = 0.02;

function progress(message: string): void {
  console.error(`[bench] ${message}`);
}

function build(): void {
  progress("building the bot (tsc -p tsconfig.build.json)");
  buildBot();
}

/** `npm run bench:search`'s JSON lines, when the script exists. */
async function searchFigures(): Promise<unknown[] | undefined> {
  const scripts =
    (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> })
      .scripts ?? {};
  if (scripts["bench:search"] === undefined) return undefined;
  progress("running npm run bench:search");
  const child = spawn("npm", ["run", "-s", "bench:search"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const records: unknown[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    try {
      records.push(JSON.parse(line));
    } catch {
      // not a figure
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) progress(`bench:search exited with ${code}`);
  return records;
}

function botEnv(fake: FakeDiscord, contentDir: string): Record<string, string> {
  return {
    DISCORD_API_URL: fake.apiUrl,
    CONTENT_DIR: contentDir,
    DISCORD_GUILD_ID: fake.ids.guild,
    LOG_LEVEL: "info",
    ...(statsOff ? { STATS: "off" } : {}),
  };
}

/** Spawn → "commands synced", in ms, and the running bot. */
async function coldStart(
  fake: FakeDiscord,
  contentDir: string,
  label: string,
): Promise<{ ms: number; bot: BotProcess }> {
  const nodeArgs = [
    ...botNodeArgs,
    ...(profileDir === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", path.join(profileDir, label)]),
  ];
  const started = performance.now();
  const bot = await startBot({ env: botEnv(fake, contentDir), nodeArgs, readyMessage: null });
  await bot.waitForLog((line) => line.msg === "commands synced", 120_000);
  return { ms: performance.now() - started, bot };
}

async function medianColdStart(fake: FakeDiscord, contentDir: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { ms, bot } = await coldStart(fake, contentDir, "cold-start");
    times.push(ms);
    await bot.stop();
  }
  progress(`cold starts (ms): ${times.map((ms) => Math.round(ms)).join(", ")}`);
  return Math.round(median(times));
}

interface LatencyFigures {
  readonly concurrency1: RunFigures & { readonly cpu: CpuShare };
  readonly concurrency50: RunFigures & { readonly cpu: CpuShare };
  /** The bot's own `latencyMs` log field (handler start → callback POST answered), over both runs. */
  readonly botLoggedP50Ms: number;
  readonly botLoggedP99Ms: number;
  /** Interactions the bot logged with outcome "error". */
  readonly botErrors: number;
}

async function measureLatency(
  fake: FakeDiscord,
  bot: BotProcess,
  source: MixSource,
  label: string,
): Promise<LatencyFigures> {
  progress(`${label}: warm-up (${SIZES.warmUp})`);
  await runInteractions(fake, interactionMix(SIZES.warmUp, source, 1), 4);
  const logsFrom = bot.logs.length;
  const pid = bot.child.pid!;
  progress(`${label}: ${SIZES.interactions} interactions at concurrency 1`);
  const serialCpu = cpuSnapshot(pid);
  const serial = await runInteractions(fake, interactionMix(SIZES.interactions, source, 2), 1);
  const serialShare = cpuBetween(serialCpu, cpuSnapshot(pid), SIZES.interactions);
  progress(`${label}: ${SIZES.interactions} interactions at concurrency ${CONCURRENCY}`);
  const parallelCpu = cpuSnapshot(pid);
  const parallel = await runInteractions(fake, interactionMix(SIZES.interactions, source, 3), CONCURRENCY);
  const parallelShare = cpuBetween(parallelCpu, cpuSnapshot(pid), SIZES.interactions);
  for (const error of [...serial.errors, ...parallel.errors].slice(0, 5)) progress(`${label}: error: ${error}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const logged = bot.logs.slice(logsFrom).filter((line) => line.msg === "interaction");
  const botMs = logged.map((line) => Number(line.latencyMs)).sort((a, b) => a - b);
  fake.clearRecords();
  return {
    concurrency1: { ...figuresOf(serial), cpu: serialShare },
    concurrency50: { ...figuresOf(parallel), cpu: parallelShare },
    botLoggedP50Ms: round(botMs[Math.ceil(botMs.length * 0.5) - 1] ?? Number.NaN),
    botLoggedP99Ms: round(botMs[Math.ceil(botMs.length * 0.99) - 1] ?? Number.NaN),
    botErrors: logged.filter((line) => line.outcome === "error").length,
  };
}

interface ReloadFigures {
  readonly reloadMs: number;
  readonly runs: number[];
  readonly report: string;
  readonly duringReload: Omit<RunFigures, "slowest"> & {
    readonly slowest: readonly { ms: number; sentAtMs: number; run: number }[];
  };
  readonly cpuOfLastRun: CpuShare | undefined;
}

/** Edits a few files and touches the rest, so a reload has something to report and reads everything. */
async function changeFiles(folder: GeneratedFolder, round: number): Promise<void> {
  const now = new Date();
  const every = Math.max(1, Math.round(1 / EDITED_SHARE));
  await Promise.all(
    folder.files.map(async (file, index) => {
      const full = path.join(folder.dir, file);
      if ((index + round) % every === 0) {
        const text = await readFile(full, "utf8");
        await writeFile(full, `${text}\n**Host:** An added line, reload ${round}.\n`);
      } else {
        await utimes(full, now, now);
      }
    }),
  );
}

async function measureReload(
  fake: FakeDiscord,
  botPid: number,
  folder: GeneratedFolder,
  source: MixSource,
): Promise<ReloadFigures> {
  const runs: number[] = [];
  const during: number[] = [];
  /** The slowest interactions during the reloads, with when they were sent (ms after the /reload) and which run. */
  const slowest: { ms: number; sentAtMs: number; run: number }[] = [];
  const errors: string[] = [];
  let report = "";
  let wallMs = 0;
  let cpu: CpuShare | undefined;
  for (let run = 1; run <= SIZES.reloads; run++) {
    await changeFiles(folder, run);
    const payload = fake.interactionPayload({ kind: "command", name: "reload", permissions: PERMISSIONS.manageGuild });
    const background = interactionMix(100_000, source, 10 + run);
    let next = 0;
    const inFlight: Promise<void>[] = [];
    const cpuBefore = cpuSnapshot(botPid);
    const started = performance.now();
    // One interaction every few ms, each timed on its own: a stall of the bot shows in every one it holds up.
    const fire = async (): Promise<void> => {
      const { spec, expect } = background[next++ % background.length]!;
      const sentAtMs = Math.round(performance.now() - started);
      const result = await timeOne(fake, spec, expect, 30_000);
      if (typeof result !== "number") {
        errors.push(result.error);
        return;
      }
      during.push(result);
      slowest.push({ ms: round(result), sentAtMs, run });
      slowest.sort((a, b) => b.ms - a.ms).splice(5);
    };
    const pacer = setInterval(() => inFlight.push(fire()), DURING_RELOAD_INTERVAL_MS);
    const deferred = await fake.sendInteraction(payload, { timeoutMs: 60_000 });
    const edit = await fake.waitForOriginalEdit(payload.id, 120_000);
    const elapsed = performance.now() - started;
    cpu = cpuBetween(cpuBefore, cpuSnapshot(botPid));
    clearInterval(pacer);
    await Promise.all(inFlight);
    wallMs += performance.now() - started;
    runs.push(Math.round(elapsed));
    const embed = (edit.body as { embeds?: { title?: string; fields?: { name: string }[] }[] }).embeds?.[0];
    report = `${deferred.type === 5 ? "deferred" : `callback ${deferred.type}`}; ${embed?.title ?? "?"}: ${(embed?.fields ?? []).map((field) => field.name).join(", ")}`;
    progress(
      `reload ${run}: ${Math.round(elapsed)} ms (${report}); ${during.length} interactions answered so far during reloads`,
    );
    fake.clearRecords();
  }
  for (const error of errors.slice(0, 5)) progress(`during reload: error: ${error}`);
  return {
    reloadMs: Math.round(median(runs)),
    runs,
    report,
    duringReload: { ...figuresOf({ samples: during, errors, wallMs }), slowest },
    cpuOfLastRun: cpu,
  };
}

function seedSource(): MixSource {
  const titles = loadSeedInterviews().flatMap((interview) => interview.questions.map((question) => question.title));
  return { interviews: [], titleWords: titleWordsOf(titles) };
}

function generatedSource(folder: GeneratedFolder): MixSource {
  const interviews = [...folder.keywords].map(([id, keywords]) => ({ id, keywords }));
  const titles = loadSeedInterviews().flatMap((interview) => interview.questions.map((question) => question.title));
  return { interviews, titleWords: [...titleWordsOf(titles), "compute", "regulation", "founders", "device"] };
}

/** Words of question titles as a user would type them: Latin words, or two to four Chinese characters. */
function titleWordsOf(titles: readonly string[]): string[] {
  const words = titles.flatMap((title) => [
    ...(title.match(/[A-Za-z][A-Za-z0-9-]{2,}/g) ?? []),
    ...(title.match(/\p{Script=Han}{2,4}/gu) ?? []),
  ]);
  return [...new Set(words)];
}

function machine(): Record<string, unknown> {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim();
  return {
    nproc: os.availableParallelism(),
    cpu,
    node: process.version,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
  };
}

/** How busy other processes keep the machine (in % of one core) over a short sample: the figures depend on it. */
async function othersLoad(): Promise<number> {
  const before = cpuSnapshot(undefined);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return cpuBetween(before, cpuSnapshot(undefined)).othersPercent;
}

async function main(): Promise<void> {
  const began = performance.now();
  const othersBefore = await othersLoad();
  if (othersBefore > 20) progress(`other processes keep ${othersBefore} % of a core busy: expect noisy figures`);
  build();
  const search = withSearch ? await searchFigures() : "skipped (--quick or --no-search)";

  const scratch = await mkdtemp(path.join(tmpdir(), "verbatim-bench-"));
  progress(`writing ${SIZES.files} interview files to ${scratch}`);
  const folder = await writeInterviewFolder(path.join(scratch, "content"), SIZES.files);
  const seedDir = path.join(ROOT, "content");

  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000, interactionTimeoutMs: 30_000 });
  try {
    progress(`cold start with the seed, ${SIZES.coldStarts} times`);
    const coldSeed = await medianColdStart(fake, seedDir, SIZES.coldStarts);

    const seedRun = await coldStart(fake, seedDir, "seed");
    const seedLatency = await measureLatency(fake, seedRun.bot, seedSource(), "seed");
    const seedMemory = memoryOf(seedRun.bot.child.pid!);
    await seedRun.bot.stop();

    progress(`starting the bot on ${folder.interviews} files, ${folder.lines} lines`);
    const generatedKey = `lines${Math.round(folder.lines / 1000)}k`;
    const bigRun = await coldStart(fake, folder.dir, generatedKey);
    const bigSource = generatedSource(folder);
    const bigLatency = await measureLatency(fake, bigRun.bot, bigSource, `${folder.lines} lines`);
    const bigMemory = memoryOf(bigRun.bot.child.pid!);
    progress(`reloading ${folder.files.length} files, ${SIZES.reloads} times, with interactions running`);
    const reload = await measureReload(fake, bigRun.bot.child.pid!, folder, bigSource);
    const afterReload = memoryOf(bigRun.bot.child.pid!);
    // The replaced snapshot is garbage until V8's next full collections; idle, it gives the memory back.
    progress(`waiting ${SETTLE_MS / 1000} s idle for the memory to settle`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const settled = memoryOf(bigRun.bot.child.pid!);
    await bigRun.bot.stop();

    const result = {
      command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
      machine: { ...machine(), othersBusyPercentBeforeRun: othersBefore },
      content: { seed: "content/ (1 interview)", generated: { files: folder.interviews, lines: folder.lines } },
      usageStatistics: statsOff ? "off" : "on (SQLite)",
      coldStartMs: { seed: coldSeed, [generatedKey]: Math.round(bigRun.ms) },
      rssMB: {
        seed: seedMemory.rssMB,
        [generatedKey]: bigMemory.rssMB,
        [`${generatedKey}RightAfterReloads`]: afterReload.rssMB,
        [`${generatedKey}SettledAfterReloads`]: settled.rssMB,
        [`${generatedKey}Peak`]: settled.peakMB,
        measured: `VmRSS of the bot process after the latency runs; after the reloads, at once and ${SETTLE_MS / 1000} s later (idle); VmHWM for the peak`,
      },
      latency: {
        measured: "bench side: INTERACTION_CREATE sent by the fake → callback accepted by the fake (performance.now)",
        seed: seedLatency,
        [generatedKey]: bigLatency,
      },
      reloadMs: reload.reloadMs,
      reload: {
        runs: reload.runs,
        report: reload.report,
        duringReload: { ...reload.duringReload, sentEveryMs: DURING_RELOAD_INTERVAL_MS },
        cpuOfLastRun: reload.cpuOfLastRun,
        worstLatencyDuringReloadMs: reload.duringReload.maxMs,
      },
      search,
      benchSeconds: Math.round((performance.now() - began) / 1000),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await fake.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
