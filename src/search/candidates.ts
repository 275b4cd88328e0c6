/**
 * Gathering the lines worth ranking for a query plan, through the bigram index: lines holding the phrase, then
 * every term, then each term; and only while those leave the page short, lines that may hold a term with a typo,
 * a pinyin reading of the query, or a homophone of a Chinese term. Each lookup is capped, so the work per query
 * is bounded by the candidate caps, never by the number of lines.
 */
import { bigramsOf, neededBigrams, sharedBigrams, type LineScope } from "./gram-index.js";
import type { IndexedLines } from "./index-data.js";
import { findReading, readingSets, type Reading } from "./pinyin.js";
import { MAX_OCCURRENCES } from "./ranges.js";
import { termTexts, type QueryPlan } from "./query-plan.js";

/**
 * Lines each lookup (exact phrase, all terms, one term, typos, pinyin, homophones) hands to the ranking, per
 * result asked for, and at least: exact lines beyond that differ only in tie-breaks.
 */
const CANDIDATES_PER_RESULT = 2;
const MIN_CANDIDATES = 50;
/** Lines checked to find typo-tolerant, pinyin or homophone candidates before the best are kept. */
const SCAN_CAP = 1000;
/** Postings read to find them: a typo of a common word stops early instead of reading every line that has it. */
const TYPO_POSTINGS_READ = 32_000;
/** Adjacent syllable pairs of a pinyin reading compared to find the cheapest postings to read. */
const READING_PAIRS_COMPARED = 4;
/**
 * Chinese terms of at least this many characters are also matched by sound (only terms too rare as written, and
 * those are at most MAX_TYPO_HAN_TERM long).
 */
const MIN_HOMOPHONE_TERM = 2;
const HAN_ONLY = /^\p{Script=Han}+$/u;

export interface Candidate {
  readonly line: number;
  /** Where a pinyin query's reading occurs. */
  pinyinRanges: [number, number][] | undefined;
  /** Per term index: where a homophone of that (Chinese) term occurs. */
  homophoneRanges: Map<number, [number, number][]> | undefined;
}

export interface Candidates {
  /** By line. */
  readonly candidates: Map<number, Candidate>;
  /** Per term: too rare as written to fill the page, so its typos and homophones were looked up. Empty if none was. */
  readonly rareTerms: readonly boolean[];
}

/** Exact phrase and all-terms lines first; typo-tolerant, pinyin and homophone ones only while those leave room. */
export function gatherCandidates(lines: IndexedLines, plan: QueryPlan, scope: LineScope, limit: number): Candidates {
  const candidates = new Map<number, Candidate>();
  const add = (line: number): Candidate => {
    let candidate = candidates.get(line);
    if (candidate === undefined) {
      candidate = { line, pinyinRanges: undefined, homophoneRanges: undefined };
      candidates.set(line, candidate);
    }
    return candidate;
  };
  const cap = Math.max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * limit);
  const terms = termTexts(plan);
  for (const phrase of plan.phrases) exactLines(lines, [phrase], scope, cap).forEach(add);
  if (terms.length > 1 && candidates.size < limit) exactLines(lines, terms, scope, cap).forEach(add);
  if (candidates.size >= limit) return { candidates, rareTerms: [] };

  // Typo-tolerant and homophone lookups only for terms too rare as written to fill the page by themselves.
  const rareTerms = terms.map((term) => {
    // A long run of Chinese is a sentence, not a mistyped word: the second reading finds its words (./understood.ts).
    if (isLongHanRun(term)) return false;
    // A single term is the phrase, already found too rarely.
    if (terms.length === 1) return true;
    const found = exactLines(lines, [term], scope, cap);
    found.forEach(add);
    return found.length < limit;
  });
  terms.forEach((term, termIndex) => {
    if (rareTerms[termIndex] === true) typoLines(lines, term, scope, cap).forEach(add);
  });
  for (const reading of plan.pinyin?.readings ?? []) {
    for (const [line, ranges] of readingLines(lines, reading, scope, cap)) add(line).pinyinRanges ??= ranges;
  }
  terms.forEach((term, termIndex) => {
    const reading =
      rareTerms[termIndex] === true && isHomophoneCandidate(term) ? lines.lexicon.homophoneReading(term) : undefined;
    if (reading === undefined) return;
    for (const [line, ranges] of readingLines(lines, reading, scope, cap)) {
      const candidate = add(line);
      candidate.homophoneRanges ??= new Map();
      candidate.homophoneRanges.set(termIndex, ranges);
    }
  });
  return { candidates, rareTerms };
}

/** Lines holding every one of `words` as written (normalised), at most `cap`. */
export function exactLines(lines: IndexedLines, words: readonly string[], scope: LineScope, cap: number): number[] {
  const { grams } = lines;
  const holdsAll = (line: number): boolean => {
    const text = lines.textOf(line);
    for (const word of words) if (!text.includes(word)) return false;
    return scope.accepts === undefined || scope.accepts(line);
  };
  const verified: LineScope = { ...scope, accepts: holdsAll };
  const slots: number[] = [];
  for (const word of words) {
    for (const slot of grams.bigramSlots(word)) {
      // A bigram no line holds: no line holds the word.
      if (slot === undefined) return [];
      slots.push(slot);
    }
  }
  if (slots.length > 0) return grams.linesWithAll(slots, verified, cap);
  // Only one-character words: the lines with the rarest of those characters.
  const charSlots = words
    .map((word) => {
      const codePoint = word.codePointAt(0);
      return codePoint === undefined ? [] : grams.slotsWithChar(codePoint);
    })
    .sort((a, b) => grams.postingCountOf(a) - grams.postingCountOf(b))[0];
  return charSlots === undefined ? [] : grams.linesWithAny(charSlots, verified, cap);
}

/**
 * About how many lines hold `word`, without reading a line: the postings of its rarest bigram (or, for one
 * character, of every bigram holding it) — an upper bound, good enough to weigh a common word as common.
 */
export function estimatedLines(lines: IndexedLines, word: string): number {
  const { grams } = lines;
  const slots = grams.bigramSlots(word);
  if (slots.length === 0) {
    const codePoint = word.codePointAt(0);
    return codePoint === undefined ? 0 : grams.postingCountOf(grams.slotsWithChar(codePoint));
  }
  let fewest = Number.POSITIVE_INFINITY;
  for (const slot of slots) fewest = Math.min(fewest, slot === undefined ? 0 : grams.postingCount(slot));
  return fewest;
}

/**
 * Lines sharing at least half of the term's bigrams: the only lines a typo-tolerant match may come from.
 * A line can only get there through one of the rarest (k − need + 1) bigrams, so only those are read.
 */
function typoLines(lines: IndexedLines, term: string, scope: LineScope, cap: number): number[] {
  const { grams } = lines;
  const slots = grams.bigramSlots(term);
  const need = neededBigrams(slots.length);
  const known = slots
    .filter((slot): slot is number => slot !== undefined)
    .sort((a, b) => grams.postingCount(a) - grams.postingCount(b));
  const readable = slots.length - need + 1 - (slots.length - known.length);
  if (slots.length === 0 || readable <= 0) return [];
  const bigrams = bigramsOf(term);
  // Lines holding the most of the rare bigrams first: those are the likeliest to share enough of all of them.
  // (Their order past this point does not matter: the typo matching sorts them again, ./typos.ts.)
  const close: number[] = [];
  for (const { line } of grams.linesByOverlap(known.slice(0, readable), scope, SCAN_CAP, TYPO_POSTINGS_READ)) {
    if (sharedBigrams(bigrams, lines.textOf(line), need) >= need) close.push(line);
    if (close.length >= cap) break;
  }
  return close;
}

/** Lines holding the reading's characters in a row, with where. */
function readingLines(
  lines: IndexedLines,
  reading: Reading,
  scope: LineScope,
  cap: number,
): [number, [number, number][]][] {
  if (reading.length < 2 || reading.some((codePoints) => codePoints.length === 0)) return [];
  const { grams } = lines;
  // Read the postings of the cheapest adjacent pair of syllables (looking at a few pairs at most).
  let cheapest: number[] | undefined;
  let previous: readonly number[] | undefined;
  for (const codePoints of reading.slice(0, READING_PAIRS_COMPARED + 1)) {
    if (previous !== undefined) {
      const slots = grams.slotsBetween(previous, codePoints);
      if (cheapest === undefined || grams.postingCountOf(slots) < grams.postingCountOf(cheapest)) cheapest = slots;
    }
    previous = codePoints;
  }
  const sets = readingSets(reading);
  const found: [number, [number, number][]][] = [];
  for (const line of grams.linesWithAny(cheapest ?? [], scope, SCAN_CAP)) {
    const ranges = findReading(lines.textOf(line), sets, MAX_OCCURRENCES);
    if (ranges.length > 0) found.push([line, ranges]);
    if (found.length >= cap) break;
  }
  return found;
}

/** Typos and homophones are looked for in Chinese terms of up to this many characters. */
const MAX_TYPO_HAN_TERM = 6;

function isLongHanRun(term: string): boolean {
  return HAN_ONLY.test(term) && [...term].length > MAX_TYPO_HAN_TERM;
}

function isHomophoneCandidate(term: string): boolean {
  const length = [...term].length;
  return length >= MIN_HOMOPHONE_TERM && HAN_ONLY.test(term);
}
