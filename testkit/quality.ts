/** Quality measures for a labelled query set (precision at 1, recall at 3), shared by the tests and the benchmark. */
import type { LabelledQuery } from "./search-queries.js";

export interface QualityReport {
  /** Share of queries whose first line is right (for nonsense: that nothing came back). */
  readonly precisionAt1: number;
  /** Mean share of the right lines found in the first three (out of at most three), over queries that have any. */
  readonly recallAt3: number;
  /** Queries whose first answer was wrong, for reading. */
  readonly misses: readonly { readonly query: string; readonly got: readonly number[] }[];
}

/** Scores a ranking function (query → line numbers, best first) against the labelled set. */
export function measureQuality(
  queries: readonly LabelledQuery[],
  rank: (query: string) => readonly number[],
): QualityReport {
  let correctFirst = 0;
  let recallSum = 0;
  let recallCount = 0;
  const misses: { query: string; got: readonly number[] }[] = [];
  for (const { query, expected } of queries) {
    const got = rank(query);
    const right = new Set(expected);
    const firstIsRight = expected.length === 0 ? got.length === 0 : right.has(got[0] ?? Number.NaN);
    if (firstIsRight) correctFirst++;
    else misses.push({ query, got: got.slice(0, 3) });
    if (expected.length > 0) {
      const found = got.slice(0, 3).filter((line) => right.has(line)).length;
      recallSum += found / Math.min(3, expected.length);
      recallCount++;
    }
  }
  return {
    precisionAt1: queries.length === 0 ? 1 : correctFirst / queries.length,
    recallAt3: recallCount === 0 ? 1 : recallSum / recallCount,
    misses,
  };
}

/** The searches a labelled set is measured with: one query, within one interview or across all of them. */
export type LabelledSearch = (
  query: string,
  interviewId: string | undefined,
) => readonly { readonly interviewId: string; readonly line: number }[];

/**
 * Quality per category of the labelled set: each query searched as its entry says (within its interview, or across
 * all with `scope: "all"`); a hit in another interview than the expected lines' counts as a wrong line.
 */
export function measureByCategory(
  queries: readonly LabelledQuery[],
  defaultInterview: string,
  search: LabelledSearch,
): ReadonlyMap<string, QualityReport & { readonly queries: number }> {
  const categories = new Map<string, LabelledQuery[]>();
  for (const labelled of queries) {
    const list = categories.get(labelled.category) ?? [];
    list.push(labelled);
    categories.set(labelled.category, list);
  }
  const reports = new Map<string, QualityReport & { readonly queries: number }>();
  for (const [category, list] of categories) {
    const byQuery = new Map(list.map((labelled) => [labelled.query, labelled]));
    const report = measureQuality(list, (query) => {
      const labelled = byQuery.get(query);
      const interview = labelled?.interview ?? defaultInterview;
      const hits = search(query, labelled?.scope === "all" ? undefined : interview);
      return hits.map((hit) => (hit.interviewId === interview ? hit.line : -1));
    });
    reports.set(category, { ...report, queries: list.length });
  }
  return reports;
}
