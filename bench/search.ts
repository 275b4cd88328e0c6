/**
 * Search benchmark (`npm run bench:search`): quality per category of the labelled queries (precision@1, recall@3,
 * over the seed and the test fixtures' interviews), then build time, memory and query latency (every labelled
 * query) on synthetic corpora of 1k–1M lines, side by side with default Fuse.js.
 * Prints one JSON line per measurement. Run with --expose-gc for exact memory figures (the npm script does).
 */
import { loadavg } from "node:os";
import Fuse from "fuse.js";
import type { Interview, TranscriptLine } from "../src/content/model.js";
import { buildSearchIndex, type SearchIndex } from "../src/search/index.js";
import { loadLabelledInterviews, makeSyntheticInterviews } from "../testkit/corpus.js";
import { measureByCategory } from "../testkit/quality.js";
import { loadLabelledQueriesWithEverywhere, SEED_INTERVIEW } from "../testkit/search-queries.js";

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

const labelledQueries = loadLabelledQueriesWithEverywhere();
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

function defaultFuse(interviews: readonly Interview[]): Fuse<TranscriptLine & { interviewId: string }> {
  return new Fuse(
    interviews.flatMap((interview) => interview.lines.map((line) => ({ ...line, interviewId: interview.id }))),
    { keys: ["text"] },
  );
}

function print(record: Record<string, unknown>): void {
  console.log(JSON.stringify(record));
}

function benchmarkQuality(): void {
  const interviews = loadLabelledInterviews();
  const index = buildSearchIndex(interviews);
  const fuse = defaultFuse(interviews);
  const ours = measureByCategory(labelledQueries, SEED_INTERVIEW, (query, interviewId) => {
    const outcome = index.search(query, { interviewId, limit: RESULT_LIMIT });
    return outcome.ok ? outcome.hits.map((hit) => ({ interviewId: hit.interviewId, line: hit.line.number })) : [];
  });
  const theirs = measureByCategory(labelledQueries, SEED_INTERVIEW, (query, interviewId) =>
    fuse
      .search(query, { limit: RESULT_LIMIT * 4 })
      .filter((result) => interviewId === undefined || result.item.interviewId === interviewId)
      .slice(0, RESULT_LIMIT)
      .map((result) => ({ interviewId: result.item.interviewId, line: result.item.number })),
  );
  for (const [category, report] of ours) {
    const fuseReport = theirs.get(category);
    print({
      category,
      queries: report.queries,
      precisionAt1: round(report.precisionAt1, 2),
      recallAt3: round(report.recallAt3, 2),
      fusePrecisionAt1: round(fuseReport?.precisionAt1 ?? Number.NaN, 2),
      fuseRecallAt3: round(fuseReport?.recallAt3 ?? Number.NaN, 2),
      misses: report.misses.length,
    });
  }
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
