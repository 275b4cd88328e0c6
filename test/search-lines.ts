/** Small indexes for the search's unit tests: lines given as texts, indexed the way the search indexes a library. */
import type { LineScope } from "../src/search/gram-index.js";
import { IndexedLines, prepareSearchIndex } from "../src/search/index-data.js";
import { parseQuery, planQuery, type QueryPlan } from "../src/search/query-plan.js";
import { interviewSaying } from "../testkit/corpus.js";

/** One interview of these lines (line i is index i), said by "Host" and "Guest" in turn unless a speaker is given. */
export function indexedLines(...said: readonly (string | readonly [speaker: string, text: string])[]): IndexedLines {
  const interview = interviewSaying(
    "talk",
    said.map((line, index) => (typeof line === "string" ? [index % 2 === 0 ? "Host" : "Guest", line] : line)),
  );
  return IndexedLines.fromData([interview], prepareSearchIndex([interview]));
}

/** The plan the search makes of `query` over these lines. */
export function planOf(lines: IndexedLines, query: string): QueryPlan {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`"${query}" was refused: ${parsed.error}`);
  return planQuery(parsed.words, lines.lexicon, parsed.typedPhrase);
}

export function everywhereIn(lines: IndexedLines): LineScope {
  return { from: 0, to: lines.count };
}
