/**
 * Highlighting: where a ranked line shows what matched — the phrase, each term as written, else its homophone
 * or typo, and the pinyin reading — found in the normalised line and mapped back to ranges of the original text.
 */
import type { TranscriptLine } from "../content/model.js";
import type { Candidate } from "./candidates.js";
import type { LineMatch } from "./line-evidence.js";
import { normalize, simplifiedChinese, toOriginalRanges } from "./normalize.js";
import { isLatinTerm } from "./latin-words.js";
import type { QueryPlan } from "./query-plan.js";
import { queryWords } from "./query-words.js";
import { addOccurrences, MAX_OCCURRENCES } from "./ranges.js";
import type { TypoMatches } from "./typos.js";
import type { MatchRange, SearchHit } from "./types.js";
import { BoundedMemo } from "../memo.js";

/** The ranges of `line.text` to highlight; `text` is the line normalised, `typos[i]` term i's typo matches. */
export function highlightRanges(
  plan: QueryPlan,
  candidate: Candidate,
  match: Pick<LineMatch, "phraseRanges" | "wordRanges">,
  line: TranscriptLine,
  text: string,
  typos: readonly TypoMatches[],
): MatchRange[] {
  const ranges: (readonly [number, number])[] = [];
  if (match.phraseRanges !== undefined) ranges.push(...match.phraseRanges);
  else for (const phrase of plan.phrases) addOccurrences(ranges, text, phrase, MAX_OCCURRENCES);
  plan.terms.forEach(({ text: term }, index) => {
    const words = match.wordRanges[index];
    if (words !== undefined) return void ranges.push(...words);
    if (isLatinTerm(term) || addOccurrences(ranges, text, term, MAX_OCCURRENCES) > 0) return;
    ranges.push(...(candidate.homophoneRanges?.get(index) ?? typos[index]?.get(candidate.line)?.ranges ?? []));
  });
  ranges.push(...(candidate.pinyinRanges ?? []));
  return toOriginalRanges(line.text, text, ranges);
}

/** Words named as what a hit was found as, at most. */
const FOUND_AS_WORDS = 3;

/**
 * The distinct words a hit marks, in order, that the member did not type (a translation, a synonym, a typo, pinyin's
 * characters, part of a longer word): "dismissed" → 解雇, "dongshihui" → 董事会, 最喜欢 → 喜欢. None for a hit that
 * holds the query as typed; a word of the query found as typed is not named (27 years → "twenty-seven", not "years").
 */
export function wordsFoundAs(hit: Pick<SearchHit, "line" | "ranges" | "exact">, query: string): string[] {
  if (hit.exact) return [];
  const typed = typedWords.get(query, wordsTyped);
  const words = new Set(hit.ranges.map(([from, to]) => hit.line.text.slice(from, to)));
  return [...words].filter((word) => word.trim() !== "" && !typed.has(normalize(word))).slice(0, FOUND_AS_WORDS);
}

/** The query's words, normalised, segmented as the search reads a query in simplified characters (董事會 → 董事会). */
function wordsTyped(query: string): ReadonlySet<string> {
  return new Set(queryWords(simplifiedChinese(query)).map(normalize));
}

/** A query's words, remembered: a web page asks once per hit, ◀ ▶ once per page of the same query. */
const typedWords = new BoundedMemo<string, ReadonlySet<string>>(1_000);
