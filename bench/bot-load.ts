/**
 * Load for the bot benchmark: a deterministic mix of interactions, a driver that sends them through the fake
 * Discord at a given concurrency and times each one, and the figures made from those times.
 *
 * What is timed: on the bench side (which is also the fake Discord's process), from just before the fake
 * sends INTERACTION_CREATE on the gateway socket to the moment the fake has accepted the bot's
 * `POST …/callback` — that is, the fake's `sendInteraction`, with `performance.now()` around it.
 */
import { readFileSync } from "node:fs";
import type { FakeDiscord, InteractionSpec } from "../testkit/fake-discord.js";
import { mulberry32 } from "../testkit/corpus.js";
import { loadLabelledQueries } from "../testkit/search-queries.js";

export interface Planned {
  readonly spec: InteractionSpec;
  /** The callback type a good answer has: 4 (message) or 8 (autocomplete choices). */
  readonly expect: number;
}

/** How many of the slowest interactions a run lists. */
const SLOWEST_SHOWN = 5;

export interface RunFigures {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly perSecond: number;
  readonly errors: number;
  readonly slowest?: RunResult["slowest"];
}

export interface RunResult {
  /** Per-interaction times in ms, in completion order. */
  readonly samples: number[];
  /** The slowest interactions, slowest first: time and what it was. */
  readonly slowest?: readonly { readonly ms: number; readonly what: string }[];
  readonly errors: string[];
  readonly wallMs: number;
}

/**
 * The labelled search queries about the seed: simplified, traditional, pinyin, typos, English, nonsense, and
 * members' own words (questions, English keywords), which load the dictionaries.
 */
export const FIXTURE_QUERIES: readonly string[] = loadLabelledQueries()
  .filter((labelled) => labelled.interview === undefined && labelled.scope === undefined)
  .map((labelled) => labelled.query);

export interface MixSource {
  /** Interview ids to name in the `interview` option, with words that occur in each; empty: use the default interview. */
  readonly interviews: readonly { readonly id: string; readonly keywords: readonly string[] }[];
  /** Question titles' words for /summary by title. */
  readonly titleWords: readonly string[];
}

/**
 * `count` interactions: 30 % /quote, 30 % /quote keyword autocomplete, 20 % /summary, 20 % /questions.
 * Keywords are words of the named interview two times in three, else one of the labelled queries.
 */
export function interactionMix(count: number, source: MixSource, seed = 7): Planned[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const planned: Planned[] = [];
  for (let index = 0; index < count; index++) {
    const interview = source.interviews.length > 0 ? pick(source.interviews) : undefined;
    const scope: Record<string, string> = interview === undefined ? {} : { interview: interview.id };
    const keyword =
      interview !== undefined && interview.keywords.length > 0 && random() < 2 / 3
        ? pick(interview.keywords)
        : pick(FIXTURE_QUERIES);
    const roll = random();
    if (roll < 0.3) {
      planned.push({ spec: { kind: "command", name: "quote", options: { keyword, ...scope } }, expect: 4 });
    } else if (roll < 0.6) {
      // What a user has typed so far: the keyword, or its first characters.
      const typed =
        random() < 0.5 ? keyword : [...keyword].slice(0, Math.max(1, Math.ceil([...keyword].length / 2))).join("");
      planned.push({
        spec: { kind: "autocomplete", name: "quote", focused: "keyword", value: typed, options: { ...scope } },
        expect: 8,
      });
    } else if (roll < 0.8) {
      const question = random() < 0.7 ? String(1 + Math.floor(random() * 4)) : pick(source.titleWords);
      planned.push({ spec: { kind: "command", name: "summary", options: { question, ...scope } }, expect: 4 });
    } else {
      planned.push({ spec: { kind: "command", name: "questions", options: { ...scope, page: 1 } }, expect: 4 });
    }
  }
  return planned;
}

/**
 * Sends `planned` through the fake, `concurrency` at a time, and times each from dispatch to accepted
 * callback. A timeout, a refused callback or an unexpected callback type counts as an error.
 */
export async function runInteractions(
  fake: FakeDiscord,
  planned: readonly Planned[],
  concurrency: number,
  timeoutMs = 10_000,
): Promise<RunResult> {
  const samples: number[] = [];
  const errors: string[] = [];
  const timed: { ms: number; spec: InteractionSpec }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < planned.length) {
      const { spec, expect } = planned[next++]!;
      const result = await timeOne(fake, spec, expect, timeoutMs);
      if (typeof result === "number") {
        samples.push(result);
        timed.push({ ms: result, spec });
      } else errors.push(result.error);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, planned.length) }, worker));
  const wallMs = performance.now() - started;
  const slowest = timed
    .sort((a, b) => b.ms - a.ms)
    .slice(0, SLOWEST_SHOWN)
    .map(({ ms, spec }) => ({ ms: round(ms), what: describe(spec) }));
  return { samples, errors, wallMs, slowest };
}

/** One interaction's dispatch → callback time in ms, or what went wrong. */
export async function timeOne(
  fake: FakeDiscord,
  spec: InteractionSpec,
  expect: number,
  timeoutMs: number,
): Promise<number | { error: string }> {
  const payload = fake.interactionPayload(spec);
  const started = performance.now();
  try {
    const callback = await fake.sendInteraction(payload, { timeoutMs });
    const elapsed = performance.now() - started;
    const refused = fake.interaction(payload.id)?.rejectedCallbacks ?? [];
    if (refused.length > 0) return { error: `refused callback: ${refused[0]?.errors.join("; ")}` };
    if (callback.type !== expect)
      return { error: `callback type ${callback.type}, expected ${expect} (${describe(spec)})` };
    return elapsed;
  } catch (error) {
    return { error: `${describe(spec)}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
}

function describe(spec: InteractionSpec): string {
  if (spec.kind === "button") return `button ${spec.customId}`;
  if (spec.kind === "messageCommand") return `${spec.name} on "${spec.content}"`;
  const typed = spec.kind === "autocomplete" ? ` ${spec.focused}="${spec.value}"` : "";
  return `${spec.kind === "autocomplete" ? "autocomplete " : ""}/${spec.name}${typed} ${JSON.stringify(spec.options ?? {})}`;
}

export function figuresOf(run: RunResult): RunFigures {
  const sorted = [...run.samples].sort((a, b) => a - b);
  const count = run.samples.length + run.errors.length;
  return {
    count,
    p50Ms: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    perSecond: Math.round((count / run.wallMs) * 1000),
    errors: run.errors.length,
    ...(run.slowest === undefined ? {} : { slowest: run.slowest }),
  };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Resident and peak resident memory of a process, in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rssMB: round(kilobytes("VmRSS") / 1024, 1), peakMB: round(kilobytes("VmHWM") / 1024, 1) };
}

/** CPU time so far, in ms: the bot process (all its threads), this process, and the whole machine (busy time). */
export interface CpuSnapshot {
  readonly bot: number;
  readonly bench: number;
  readonly machine: number;
  readonly at: number;
}

/** Linux reports CPU times in clock ticks of 10 ms (USER_HZ = 100). */
const TICK_MS = 10;

export function cpuSnapshot(botPid: number | undefined): CpuSnapshot {
  // /proc/<pid>/stat: utime and stime are the 14th and 15th fields; the name (2nd) may hold spaces, so count after ")".
  const fields =
    botPid === undefined ? [] : (readFileSync(`/proc/${botPid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? []);
  const bot = botPid === undefined ? 0 : (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  const usage = process.cpuUsage();
  return { bot, bench: (usage.user + usage.system) / 1000, machine: machineBusyMs(), at: performance.now() };
}

/** Busy CPU time of the whole machine since boot, all cores, in ms (from /proc/stat). */
function machineBusyMs(): number {
  const [, ...ticks] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
  return (ticks.slice(0, 8).reduce((sum, value) => sum + value, 0) - (ticks[3] ?? 0) - (ticks[4] ?? 0)) * TICK_MS;
}

export interface CpuShare {
  /** In % of one core over the wall time: the bot process, this process (the fake Discord), everything else. */
  readonly botPercent: number;
  readonly benchPercent: number;
  readonly othersPercent: number;
  /** CPU time per interaction, when the count is given: what one core could sustain whatever else runs. */
  readonly botMsPerInteraction?: number;
  readonly benchMsPerInteraction?: number;
}

/** Where the CPU went between two snapshots; `interactions` answered meanwhile, if known. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, interactions?: number): CpuShare {
  const wall = after.at - before.at;
  const bot = after.bot - before.bot;
  const bench = after.bench - before.bench;
  const others = Math.max(0, after.machine - before.machine - bot - bench);
  const percent = (ms: number): number => Math.round((100 * ms) / wall);
  const share = { botPercent: percent(bot), benchPercent: percent(bench), othersPercent: percent(others) };
  if (interactions === undefined || interactions === 0) return share;
  return {
    ...share,
    botMsPerInteraction: round(bot / interactions, 3),
    benchMsPerInteraction: round(bench / interactions, 3),
  };
}
