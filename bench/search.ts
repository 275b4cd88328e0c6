/**
 * Search benchmark (`npm run bench:search`): quality on the seed's labelled queries, then build time, memory
 * and query latency on synthetic corpora of 1k–1M lines, side by side with default Fuse.js.
 * Prints one JSON line per measurement. Run with --expose-gc for exact memory figures (the npm script does).
 */
import { loadavg } from "node:os";
import Fuse from "fuse.js";
import type { Interview, TranscriptLine } from "../src/content/model.js";
import { buildSearchIndex, type SearchIndex } from "../src/search/index.js";
import { loadSeedInterviews, makeSyntheticInterviews } from "../testkit/corpus.js";
import { measureQuality } from "../testkit/quality.js";
import { loadSeedQueries } from "../testkit/search-queries.js";

/** Corpus sizes, and how many times the query list is run on each (fewer on the big ones). */
const RUNS = [
  { lines: 1_000, passes: 20 },
  { lines: 10_000, passes: 10 },
  { lines: 100_000, passes: 5 },
  { lines: 1_000_000, passes: 2 },
] as const;
/** Default Fuse.js scans every line, so it is timed once per query, and only up to this size. */
const FUSE_MAX_LINES = 100_000;
const RESULT_LIMIT = 25;
const WARM_UP_PASSES = 10;
const MB = 1024 * 1024;

const labelledQueries = loadSeedQueries();
const queries = labelledQueries.map((labelled) => labelled.query);

const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (collectGarbage === undefined) console.error("note: run with --expose-gc for exact memory figures");

function memoryNow(): { heap: number; arrayBuffers: number } {
  collectGarbage?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, arrayBuffers: usage.arrayBuffers };
}

function millisecondsOf(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Per-query latencies (wall clock, sorted) over `passes` runs of the query list, after warm-up runs: a bot
 * answers with JIT-compiled code, and the first few hundred queries mostly measure the compiler.
 */
function latencies(search: (query: string) => unknown, passes: number, warmUps = WARM_UP_PASSES): number[] {
  for (let warmUp = 0; warmUp < warmUps; warmUp++) queries.forEach(search);
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const query of queries) samples.push(millisecondsOf(() => search(query)));
  }
  return samples.sort((a, b) => a - b);
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

function lineNumbersOf(index: SearchIndex, query: string): number[] {
  const outcome = index.search(query, { limit: RESULT_LIMIT });
  return outcome.ok ? outcome.hits.map((hit) => hit.line.number) : [];
}

function defaultFuse(interviews: readonly Interview[]): Fuse<TranscriptLine> {
  return new Fuse(
    interviews.flatMap((interview) => interview.lines),
    { keys: ["text"] },
  );
}

function print(record: Record<string, unknown>): void {
  console.log(JSON.stringify(record));
}

function benchmarkQuality(): void {
  const seed = loadSeedInterviews();
  const index = buildSearchIndex(seed);
  const fuse = defaultFuse(seed);
  const ours = measureQuality(labelledQueries, (query) => lineNumbersOf(index, query));
  const theirs = measureQuality(labelledQueries, (query) =>
    fuse.search(query, { limit: RESULT_LIMIT }).map((result) => result.item.number),
  );
  print({
    corpus: "seed",
    queries: labelledQueries.length,
    precisionAt1: round(ours.precisionAt1),
    recallAt3: round(ours.recallAt3),
    fusePrecisionAt1: round(theirs.precisionAt1),
    fuseRecallAt3: round(theirs.recallAt3),
    misses: ours.misses,
  });
}

function benchmarkSize(lineCount: number, passes: number): void {
  let interviews: Interview[] | undefined = makeSyntheticInterviews(lineCount);
  const lines = interviews.reduce((sum, interview) => sum + interview.lines.length, 0);
  const before = memoryNow();
  let index: SearchIndex | undefined;
  const buildMs = millisecondsOf(() => (index = buildSearchIndex(interviews ?? [])));
  const after = memoryNow();
  const built = index!;
  const samples = latencies((query) => built.search(query, { limit: RESULT_LIMIT }), passes);
  const record: Record<string, unknown> = {
    lines,
    buildMs: Math.round(buildMs),
    heapMB: round(after.heap / MB, 1),
    arrayBuffersMB: round(after.arrayBuffers / MB, 1),
    indexMB: round((after.heap + after.arrayBuffers - before.heap - before.arrayBuffers) / MB, 1),
    queries: samples.length,
    p50Ms: round(percentile(samples, 0.5)),
    p99Ms: round(percentile(samples, 0.99)),
    maxMs: round(samples[samples.length - 1] ?? Number.NaN),
  };
  index = undefined;
  if (lines <= FUSE_MAX_LINES) {
    const fuse = defaultFuse(interviews);
    const fuseSamples = latencies((query) => fuse.search(query, { limit: RESULT_LIMIT }), 1, 0);
    record.fuseP50Ms = round(percentile(fuseSamples, 0.5), 1);
    record.fuseP99Ms = round(percentile(fuseSamples, 0.99), 1);
    record.speedupAtP99 = Math.round(percentile(fuseSamples, 0.99) / percentile(samples, 0.99));
  }
  // Timings on a shared machine mean little without how busy it was.
  record.loadAverage = round(loadavg()[0] ?? Number.NaN, 2);
  interviews = undefined;
  print(record);
}

benchmarkQuality();
for (const { lines, passes } of RUNS) benchmarkSize(lines, passes);
