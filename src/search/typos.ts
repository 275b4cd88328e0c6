/**
 * Typo tolerance: for each term too rare as written, how closely candidate lines that lack it come to holding
 * it, and where. A line must share at least half of the term's bigrams; the lines sharing the most are scored by
 * Fuse.js, on a window of the line around those bigrams (a term too long for Fuse.js is scored by the share of its
 * bigrams the line holds).
 */
import Fuse from "fuse.js";
import { at } from "./checked.js";
import type { Candidate } from "./candidates.js";
import { bigramsOf, neededBigrams, sharedBigrams } from "./gram-index.js";
import type { IndexedLines } from "./index-data.js";
import { isLatinTerm } from "./latin-words.js";
import type { QueryPlan } from "./query-plan.js";
import { MAX_OCCURRENCES, occurrences } from "./ranges.js";

/** Lines per term that Fuse.js scores: those sharing the most bigrams with it. */
const FUSE_CAP = 25;
/** Fuse.js splits longer patterns into chunks (slow); longer terms are scored by shared bigrams instead. */
const FUSE_MAX_PATTERN = 32;

export interface TypoMatch {
  /** Fuse.js-like: 0 is a perfect match, 1 none. */
  readonly score: number;
  /** Where the match is, in the normalised line. */
  readonly ranges: readonly (readonly [number, number])[];
}

/** Per line, a term's typo-tolerant match. */
export type TypoMatches = ReadonlyMap<number, TypoMatch>;

/** Per term of the plan, the typo matches of the candidates; empty for a term not in `rareTerms`. */
export function typoMatches(
  lines: IndexedLines,
  plan: QueryPlan,
  candidates: ReadonlyMap<number, Candidate>,
  rareTerms: readonly boolean[],
): TypoMatches[] {
  return plan.terms.map(({ text: term }, termIndex) => {
    const bigrams = bigramsOf(term);
    // Latin terms are matched as whole words, typos included, by the line evidence (./latin-words.ts).
    if (bigrams.length === 0 || rareTerms[termIndex] !== true || isLatinTerm(term)) return new Map();
    const need = neededBigrams(bigrams.length);
    const close: { line: number; shared: number }[] = [];
    for (const { line, homophoneRanges } of candidates.values()) {
      const text = lines.textOf(line);
      if (homophoneRanges?.has(termIndex) === true || text.includes(term)) continue;
      const shared = sharedBigrams(bigrams, text, need);
      if (shared >= need) close.push({ line, shared });
    }
    // Only the lines sharing the most bigrams go to Fuse.js: it costs microseconds per line.
    const closest = close
      .sort((a, b) => b.shared - a.shared || a.line - b.line)
      .slice(0, FUSE_CAP)
      .map(({ line }) => line);
    return term.length <= FUSE_MAX_PATTERN
      ? fuseScores(lines, term, bigrams, closest)
      : bigramScores(lines, bigrams, closest);
  });
}

function fuseScores(
  lines: IndexedLines,
  term: string,
  bigrams: readonly string[],
  lineNumbers: readonly number[],
): Map<number, TypoMatch> {
  const matches = new Map<number, TypoMatch>();
  if (lineNumbers.length === 0) return matches;
  // Fuse.js reads only the part of each line where the term's bigrams gather: same score, a fraction of the work.
  const windows = lineNumbers.map((line) => ({ line, ...windowAround(lines.textOf(line), bigrams, term.length) }));
  const fuse = new Fuse(
    windows.map((window) => window.text),
    // Text is already normalised (lower case); the pattern is plain text: no extended-search operators.
    {
      ignoreLocation: true,
      includeMatches: true,
      includeScore: true,
      isCaseSensitive: true,
      minMatchCharLength: Math.min(2, term.length),
    },
  );
  for (const result of fuse.search(term)) {
    // Fuse.js refers to the texts it was given.
    const window = windows[result.refIndex];
    if (window === undefined) continue;
    const ranges = (result.matches ?? []).flatMap((match) =>
      match.indices.map(([start, end]) => [window.offset + start, window.offset + end + 1] as const),
    );
    matches.set(window.line, { score: result.score ?? 1, ranges });
  }
  return matches;
}

/** For terms too long for Fuse.js: the share of their bigrams the line holds. */
function bigramScores(
  lines: IndexedLines,
  bigrams: readonly string[],
  lineNumbers: readonly number[],
): Map<number, TypoMatch> {
  const matches = new Map<number, TypoMatch>();
  for (const line of lineNumbers) {
    const text = lines.textOf(line);
    const ranges = bigrams.flatMap((bigram) => occurrences(text, bigram, MAX_OCCURRENCES));
    matches.set(line, { score: 1 - sharedBigrams(bigrams, text) / bigrams.length, ranges });
  }
  return matches;
}

/** The stretch of `text` (a term's length either side) where the most of the term's bigrams occur close together. */
function windowAround(
  text: string,
  bigrams: readonly string[],
  termLength: number,
): { readonly text: string; readonly offset: number } {
  const positions = Uint32Array.from(
    bigrams.flatMap((bigram) => occurrences(text, bigram, MAX_OCCURRENCES).map(([start]) => start)),
  ).sort();
  // With no bigram in the line (never, for a candidate), the window starts the line.
  let best = positions[0] ?? 0;
  let bestCount = 0;
  let last = 0;
  positions.forEach((start, first) => {
    while (last < positions.length && at(positions, last) < start + termLength) last++;
    if (last - first > bestCount) {
      bestCount = last - first;
      best = start;
    }
  });
  const offset = Math.max(0, best - termLength);
  return { text: text.slice(offset, best + 2 * termLength), offset };
}
