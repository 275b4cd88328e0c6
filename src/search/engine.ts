/**
 * The quote search: normalised lines, a bigram index that narrows candidates, and a ranking in which exact
 * phrases beat all-words hits, which beat pinyin and typo-tolerant (Fuse.js) matches.
 *
 * Work per query is bounded by candidate caps, never by the number of lines.
 */
import Fuse from "fuse.js";
import type { Interview, TranscriptLine } from "../content/model.js";
import { bigramsOf, GramIndex, type GramIndexData, type LineScope } from "./gram-index.js";
import { foldWithoutConversion, normalize, queryWords, toOriginalRanges } from "./normalize.js";
import { findReading, PinyinLexicon, pinyinChunks, readingSets, type PinyinLexiconData, type PinyinReadings } from "./pinyin.js";
import { findQuestionsIn } from "./questions.js";
import { SpeakerDirectory } from "./speakers.js";
import { Suggester, type SuggestionTerm } from "./suggestions.js";
import {
  MAX_QUERY_LENGTH,
  type QuestionMatch,
  type SearchErrorKind,
  type SearchHit,
  type SearchIndex,
  type SearchOptions,
  type SearchOutcome,
} from "./types.js";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
/** Distinct words of a query that are matched one by one; more only feed the phrase. */
const MAX_WORDS = 8;
/**
 * Lines each lookup (exact phrase, all words, one word, typos, pinyin, homophones) hands to the ranking, per
 * result asked for, and at least: exact lines beyond that differ only in tie-breaks.
 */
const CANDIDATES_PER_RESULT = 2;
const MIN_CANDIDATES = 50;
/** Lines per word that Fuse.js re-ranks, those sharing the most bigrams with it. */
const FUSE_CAP = 25;
/** Lines checked to find typo-tolerant candidates before the best are kept. */
const FUZZY_SCAN_CAP = 1000;
/** Postings read to find them: a typo of a common word stops early instead of reading every line that has it. */
const FUZZY_POSTINGS_READ = 32_000;
/** Fuse.js splits longer patterns into chunks (slow); longer words are scored by shared bigrams instead. */
const FUSE_MAX_PATTERN = 32;
/** Matches highlighted per word in one line. */
const MAX_OCCURRENCES = 16;
const SUGGESTIONS = 5;

// Score tiers: each tier outranks everything below it, whatever the tie-breaks.
const PHRASE_TIER = 4;
const PINYIN_TIER = 3.5;
const PINYIN_PREFIX_TIER = 3;
const ALL_WORDS_TIER = 2;
/** A typo-tolerant word counts at most this much of an exact one. */
const FUZZY_WEIGHT = 0.8;
const PINYIN_COVERAGE = 0.9;
/** A word matched by a homophone (阴谋轮 → 阴谋论) counts nearly as much as an exact one, more than a typo. */
const HOMOPHONE_WEIGHT = 0.9;
/** Chinese words of this many characters are also matched by sound. */
const HOMOPHONE_WORD_LENGTH = { min: 2, max: 8 } as const;

interface QueryPlan {
  /** The normalised query: every word, joined. */
  readonly phrase: string;
  /**
   * The phrase, then the phrase as typed (width and case folded, not converted) when conversion changed it:
   * out of context OpenCC may convert a fragment differently from the same characters inside a line (么 → 幺).
   */
  readonly phrases: readonly string[];
  readonly words: readonly string[];
  readonly pinyin: PinyinReadings | undefined;
}

interface Candidate {
  readonly line: number;
  /** Where a pinyin query's reading occurs. */
  pinyinRanges: [number, number][] | undefined;
  /** Per word index: where a homophone of that (Chinese) word occurs. */
  homophoneRanges: Map<number, [number, number][]> | undefined;
}

interface FuzzyMatch {
  readonly score: number;
  readonly ranges: readonly (readonly [number, number])[];
}

/** Per line, a word's typo-tolerant match. */
type FuzzyMatches = ReadonlyMap<number, FuzzyMatch>;

interface Scored {
  readonly candidate: Candidate;
  readonly score: number;
  readonly exact: boolean;
}

type ParsedQuery =
  | { readonly ok: true; readonly words: string[]; readonly typedPhrase: string }
  | { readonly ok: false; readonly error: SearchErrorKind };

export function buildSearchIndex(interviews: readonly Interview[]): SearchIndex {
  return QuoteSearch.build(interviews);
}

/**
 * Everything building the index computes, as plain data and typed arrays. A worker thread can prepare it
 * (the expensive part: normalising every line, the bigram index) and post it to the main thread, which only
 * assembles it with `searchIndexFromData` — see src/content/off-thread.ts.
 */
export interface SearchIndexData {
  /** One per transcript line, in the order of `interviews.flatMap((interview) => interview.lines)`. */
  readonly normalizedLines: readonly string[];
  readonly lineInterview: Uint32Array;
  readonly lineSpeaker: Uint32Array;
  readonly interviewStart: Uint32Array;
  /** By speaker id. */
  readonly speakerNames: readonly string[];
  readonly grams: GramIndexData;
  readonly lexicon: PinyinLexiconData;
  readonly vocabulary: readonly SuggestionTerm[];
}

export function prepareSearchIndex(interviews: readonly Interview[]): SearchIndexData {
  return QuoteSearch.prepare(interviews);
}

/** The index for `interviews` from data `prepareSearchIndex` made of the same interviews. Cheap: no line is read. */
export function searchIndexFromData(interviews: readonly Interview[], data: SearchIndexData): SearchIndex {
  return QuoteSearch.fromData(interviews, data);
}

/** The buffers of the data's typed arrays: postMessage's transfer list. */
export function searchIndexBuffers(data: SearchIndexData): ArrayBuffer[] {
  const { grams } = data;
  const arrays = [data.lineInterview, data.lineSpeaker, data.interviewStart, grams.slotStart, grams.postings, grams.charSlotStart, grams.charSlots];
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}

/** Validates a raw query: an error value for empty, too long or punctuation-only input, else its words. */
export function parseQuery(query: string): ParsedQuery {
  const trimmed = query.trim();
  if (trimmed === "") return { ok: false, error: "empty" };
  if (trimmed.length > MAX_QUERY_LENGTH * 2 || [...trimmed].length > MAX_QUERY_LENGTH) return { ok: false, error: "too-long" };
  const words = queryWords(trimmed);
  return words.length === 0 ? { ok: false, error: "no-terms" } : { ok: true, words, typedPhrase: foldWithoutConversion(trimmed) };
}

class QuoteSearch implements SearchIndex {
  private constructor(
    private readonly lines: readonly TranscriptLine[],
    private readonly normalizedLines: readonly string[],
    private readonly lineInterview: Uint32Array,
    private readonly lineSpeaker: Uint32Array,
    private readonly interviewIds: readonly string[],
    private readonly interviewStart: Uint32Array,
    private readonly speakers: SpeakerDirectory,
    private readonly grams: GramIndex,
    private readonly lexicon: PinyinLexicon,
    private readonly suggester: Suggester,
  ) {}

  static build(interviews: readonly Interview[]): QuoteSearch {
    return QuoteSearch.fromData(interviews, QuoteSearch.prepare(interviews));
  }

  static fromData(interviews: readonly Interview[], data: SearchIndexData): QuoteSearch {
    // A plain loop: flatMap over thousands of small arrays takes tens of ms, and this runs on the main thread.
    const lines: TranscriptLine[] = [];
    for (const interview of interviews) for (const line of interview.lines) lines.push(line);
    if (lines.length !== data.normalizedLines.length || interviews.length + 1 !== data.interviewStart.length) {
      throw new Error(`search index data for ${data.normalizedLines.length} lines cannot serve ${lines.length}`);
    }
    const speakers = new SpeakerDirectory();
    for (const name of data.speakerNames) speakers.idOf(name);
    return new QuoteSearch(
      lines,
      data.normalizedLines,
      data.lineInterview,
      data.lineSpeaker,
      interviews.map((interview) => interview.id),
      data.interviewStart,
      speakers,
      GramIndex.fromData(data.grams),
      PinyinLexicon.fromData(data.lexicon),
      new Suggester(data.vocabulary),
    );
  }

  static prepare(interviews: readonly Interview[]): SearchIndexData {
    const lines = interviews.flatMap((interview) => interview.lines);
    const lineInterview = new Uint32Array(lines.length);
    const lineSpeaker = new Uint32Array(lines.length);
    const interviewStart = new Uint32Array(interviews.length + 1);
    const speakers = new SpeakerDirectory();
    let line = 0;
    interviews.forEach((interview, index) => {
      interviewStart[index] = line;
      for (const { speaker } of interview.lines) {
        lineInterview[line] = index;
        lineSpeaker[line] = speakers.idOf(speaker);
        line++;
      }
    });
    interviewStart[interviews.length] = line;
    const normalizedLines = lines.map((transcriptLine) => normalize(transcriptLine.text));
    const grams = GramIndex.build(normalizedLines);
    const lexicon = PinyinLexicon.fromCodePoints(grams.codePoints());
    const suggester = Suggester.fromInterviews(interviews, speakers.names, lines.length);
    return {
      normalizedLines,
      lineInterview,
      lineSpeaker,
      interviewStart,
      speakerNames: speakers.names,
      grams: grams.toData(),
      lexicon: lexicon.toData(),
      vocabulary: suggester.terms,
    };
  }

  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const parsed = parseQuery(query);
    if (!parsed.ok) return parsed;
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
    const scope = this.scopeOf(options);
    const plan = this.planOf(parsed.words, parsed.typedPhrase);
    let hits: SearchHit[] = [];
    if (scope !== undefined) {
      // A speaker named in the query (`sam 短信`) narrows to that speaker, unless the query stands as written in
      // some line (`好的，Sam`); if narrowing finds nothing, the name is just a word.
      let named = options.speaker === undefined ? this.speakers.namedIn(plan.words) : undefined;
      if (named !== undefined && this.exactLines([plan.phrase], scope, 1).length > 0) named = undefined;
      if (named !== undefined) hits = this.rank(this.planOf(named.rest), this.withSpeakers(scope, named.speakers), limit);
      if (hits.length === 0) hits = this.rank(plan, scope, limit);
    }
    const suggestions = hits.length === 0 ? this.suggester.suggest(plan.phrase, SUGGESTIONS) : [];
    return { ok: true, hits, suggestions };
  }

  findQuestions(interview: Interview, query: string, limit = DEFAULT_LIMIT): readonly QuestionMatch[] {
    return findQuestionsIn(interview, query, limit);
  }

  findSpeakers(query: string, limit = DEFAULT_LIMIT): readonly string[] {
    return this.speakers.find(query, limit);
  }

  private planOf(words: readonly string[], typedPhrase?: string): QueryPlan {
    const chunks = pinyinChunks(words.join(" "));
    const phrase = words.join("");
    return {
      phrase,
      phrases: typedPhrase === undefined || typedPhrase === phrase ? [phrase] : [phrase, typedPhrase],
      words: [...new Set(words)].slice(0, MAX_WORDS),
      pinyin: chunks === undefined ? undefined : this.lexicon.readingsOf(chunks),
    };
  }

  /** The lines the options allow, or `undefined` when they name an unknown interview or speaker. */
  private scopeOf(options: SearchOptions): LineScope | undefined {
    let scope: LineScope = { from: 0, to: this.lines.length };
    if (options.interviewId !== undefined) {
      const index = this.interviewIds.indexOf(options.interviewId);
      if (index === -1) return undefined;
      scope = { from: this.interviewStart[index] as number, to: this.interviewStart[index + 1] as number };
    }
    if (options.speaker !== undefined) {
      const speakers = this.speakers.resolve(options.speaker);
      if (speakers.length === 0) return undefined;
      scope = this.withSpeakers(scope, speakers);
    }
    return scope;
  }

  private withSpeakers(scope: LineScope, speakers: readonly number[]): LineScope {
    const allowed = new Uint8Array(this.speakers.count);
    for (const id of speakers) allowed[id] = 1;
    const outer = scope.accepts;
    return { ...scope, accepts: (line) => allowed[this.lineSpeaker[line] as number] === 1 && (outer === undefined || outer(line)) };
  }

  private rank(plan: QueryPlan, scope: LineScope, limit: number): SearchHit[] {
    const { candidates, rareWords } = this.candidatesFor(plan, scope, limit);
    const fuzzy = this.fuzzyMatches(plan, candidates, rareWords);
    const scored = this.score(plan, candidates, fuzzy);
    scored.sort((a, b) => b.score - a.score || a.candidate.line - b.candidate.line);
    return scored.slice(0, limit).map((entry) => this.hitOf(entry, this.matchedRanges(plan, entry.candidate, fuzzy)));
  }

  /** Exact phrase and all-words lines first; typo-tolerant and pinyin ones only while those leave room. */
  private candidatesFor(plan: QueryPlan, scope: LineScope, limit: number): { candidates: Map<number, Candidate>; rareWords: boolean[] } {
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
    for (const phrase of plan.phrases) this.exactLines([phrase], scope, cap).forEach(add);
    if (plan.words.length > 1 && candidates.size < limit) this.exactLines(plan.words, scope, cap).forEach(add);
    if (candidates.size >= limit) return { candidates, rareWords: [] };

    // Typo-tolerant and homophone lookups only for words too rare as typed to fill the page by themselves.
    const rareWords = plan.words.map((word) => {
      // A single word is the phrase, already found too rarely.
      if (plan.words.length === 1) return true;
      const lines = this.exactLines([word], scope, cap);
      lines.forEach(add);
      return lines.length < limit;
    });
    plan.words.forEach((word, wordIndex) => {
      if (rareWords[wordIndex] === true) this.fuzzyLines(word, scope, cap).forEach(add);
    });
    for (const reading of plan.pinyin?.readings ?? []) {
      for (const [line, ranges] of this.readingLines(reading, scope, cap)) add(line).pinyinRanges ??= ranges;
    }
    plan.words.forEach((word, wordIndex) => {
      const reading = rareWords[wordIndex] === true && isHomophoneCandidate(word) ? this.lexicon.homophoneReading(word) : undefined;
      if (reading === undefined) return;
      for (const [line, ranges] of this.readingLines(reading, scope, cap)) {
        const candidate = add(line);
        candidate.homophoneRanges ??= new Map();
        candidate.homophoneRanges.set(wordIndex, ranges);
      }
    });
    return { candidates, rareWords };
  }

  /** Lines holding every one of `words` as written (normalised), at most `cap`. */
  private exactLines(words: readonly string[], scope: LineScope, cap: number): number[] {
    const holdsAll = (line: number): boolean => {
      const text = this.normalizedLines[line] as string;
      for (const word of words) if (!text.includes(word)) return false;
      return scope.accepts === undefined || scope.accepts(line);
    };
    const verified: LineScope = { ...scope, accepts: holdsAll };
    const slots = words.flatMap((word) => this.grams.bigramSlots(word));
    if (slots.includes(undefined)) return [];
    if (slots.length > 0) return this.grams.linesWithAll(slots as number[], verified, cap);
    // Only one-character words: the lines with the rarest of those characters.
    const charSlots = words
      .map((word) => this.grams.slotsWithChar(word.codePointAt(0) as number))
      .sort((a, b) => this.grams.postingCountOf(a) - this.grams.postingCountOf(b))[0];
    return charSlots === undefined ? [] : this.grams.linesWithAny(charSlots, verified, cap);
  }

  /**
   * Lines sharing at least half of the word's bigrams: the only lines a typo-tolerant match may come from.
   * A line can only get there through one of the rarest (k − need + 1) bigrams, so only those are read.
   */
  private fuzzyLines(word: string, scope: LineScope, cap: number): number[] {
    const slots = this.grams.bigramSlots(word);
    const need = neededBigrams(slots.length);
    const known = slots.filter((slot): slot is number => slot !== undefined).sort((a, b) => this.grams.postingCount(a) - this.grams.postingCount(b));
    const readable = slots.length - need + 1 - (slots.length - known.length);
    if (slots.length === 0 || readable <= 0) return [];
    const bigrams = bigramsOf(word);
    // Lines holding the most of the rare bigrams first: those are the likeliest to share enough of all of them.
    const close: { line: number; shared: number }[] = [];
    for (const { line } of this.grams.linesByOverlap(known.slice(0, readable), scope, FUZZY_SCAN_CAP, FUZZY_POSTINGS_READ)) {
      const shared = sharedBigrams(bigrams, this.normalizedLines[line] as string, need);
      if (shared >= need) close.push({ line, shared });
      if (close.length >= cap) break;
    }
    return close.sort((a, b) => b.shared - a.shared || a.line - b.line).map((entry) => entry.line);
  }

  /** Lines holding the reading's characters in a row, with where. */
  private readingLines(reading: PinyinReadings["readings"][number], scope: LineScope, cap: number): [number, [number, number][]][] {
    if (reading.length < 2 || reading.some((codePoints) => codePoints.length === 0)) return [];
    // Read the postings of the cheapest adjacent pair of syllables (looking at a few pairs at most).
    let cheapest: number[] | undefined;
    for (let pair = 0; pair + 1 < reading.length && pair < 4; pair++) {
      const slots = this.grams.slotsBetween(reading[pair] as number[], reading[pair + 1] as number[]);
      if (cheapest === undefined || this.grams.postingCountOf(slots) < this.grams.postingCountOf(cheapest)) cheapest = slots;
    }
    const sets = readingSets(reading);
    const found: [number, [number, number][]][] = [];
    for (const line of this.grams.linesWithAny(cheapest ?? [], scope, FUZZY_SCAN_CAP)) {
      const ranges = findReading(this.normalizedLines[line] as string, sets, MAX_OCCURRENCES);
      if (ranges.length > 0) found.push([line, ranges]);
      if (found.length >= cap) break;
    }
    return found;
  }

  private score(plan: QueryPlan, candidates: ReadonlyMap<number, Candidate>, fuzzy: readonly FuzzyMatches[]): Scored[] {
    const scored: Scored[] = [];
    const pinyinTier = plan.pinyin?.completed === true ? PINYIN_PREFIX_TIER : PINYIN_TIER;
    for (const candidate of candidates.values()) {
      const text = this.normalizedLines[candidate.line] as string;
      const phrase = plan.phrases.find((candidatePhrase) => text.includes(candidatePhrase));
      const phraseAt = phrase === undefined ? -1 : text.indexOf(phrase);
      let boundaryBonus = 0;
      let exactLength = phrase?.length ?? 0;
      let wordSum = 0;
      let allWordsFound = true;
      let allWordsExact = true;
      for (let index = 0; index < plan.words.length; index++) {
        const word = plan.words[index] as string;
        const at = text.indexOf(word);
        let value = 1;
        if (at !== -1) {
          if (isWordBoundary(text, at) && isWordBoundary(text, at + word.length)) boundaryBonus = 0.05;
          if (phraseAt === -1) exactLength += word.length;
        } else if (candidate.homophoneRanges?.has(index) === true) {
          value = HOMOPHONE_WEIGHT;
        } else {
          const match = fuzzy[index]?.get(candidate.line);
          value = match === undefined ? 0 : FUZZY_WEIGHT * (1 - match.score);
        }
        wordSum += value;
        allWordsFound &&= value > 0;
        allWordsExact &&= at !== -1;
      }
      const byPinyin = candidate.pinyinRanges !== undefined;
      const tier = phraseAt !== -1 ? PHRASE_TIER : byPinyin ? pinyinTier : 0;
      // The phrase holds every word; as typed (unconverted) it may not hold their converted forms.
      const wordCoverage = phrase !== undefined ? 1 : wordSum / plan.words.length;
      if (tier === 0 && wordCoverage === 0) continue;
      const allWords = tier > 0 || allWordsFound;
      const coverage = byPinyin ? Math.max(wordCoverage, PINYIN_COVERAGE) : wordCoverage;
      // Tie-breaks (< 0.1): a whole-word Latin match, then how much of the line the query covers.
      const density = (0.04 * Math.min(text.length, exactLength)) / Math.max(1, text.length);
      scored.push({
        candidate,
        score: tier + (allWords ? ALL_WORDS_TIER : 0) + coverage + boundaryBonus + density,
        exact: phraseAt !== -1 || allWordsExact,
      });
    }
    return scored;
  }

  /** Everything that matched in the line, in the normalised text: phrase, words, homophones, typos, pinyin. */
  private matchedRanges(plan: QueryPlan, candidate: Candidate, fuzzy: readonly FuzzyMatches[]): (readonly [number, number])[] {
    const text = this.normalizedLines[candidate.line] as string;
    const ranges: (readonly [number, number])[] = [];
    for (const phrase of plan.phrases) addOccurrences(ranges, text, phrase);
    plan.words.forEach((word, index) => {
      if (addOccurrences(ranges, text, word) > 0) return;
      ranges.push(...(candidate.homophoneRanges?.get(index) ?? fuzzy[index]?.get(candidate.line)?.ranges ?? []));
    });
    ranges.push(...(candidate.pinyinRanges ?? []));
    return ranges;
  }

  /**
   * For each rare word (see `candidatesFor`), Fuse.js scores of the candidates that do not hold it exactly but
   * share enough of its bigrams.
   */
  private fuzzyMatches(plan: QueryPlan, candidates: ReadonlyMap<number, Candidate>, rareWords: readonly boolean[]): FuzzyMatches[] {
    return plan.words.map((word, wordIndex) => {
      const bigrams = bigramsOf(word);
      if (bigrams.length === 0 || rareWords[wordIndex] !== true) return new Map();
      const need = neededBigrams(bigrams.length);
      const close: { line: number; shared: number }[] = [];
      for (const { line, homophoneRanges } of candidates.values()) {
        const text = this.normalizedLines[line] as string;
        if (homophoneRanges?.has(wordIndex) === true || text.includes(word)) continue;
        const shared = sharedBigrams(bigrams, text, need);
        if (shared >= need) close.push({ line, shared });
      }
      // Only the lines sharing the most bigrams go to Fuse.js: it costs microseconds per line.
      const lines = close
        .sort((a, b) => b.shared - a.shared || a.line - b.line)
        .slice(0, FUSE_CAP)
        .map(({ line }) => line);
      return word.length <= FUSE_MAX_PATTERN ? this.fuseScores(word, bigrams, lines) : this.bigramScores(bigrams, lines);
    });
  }

  private fuseScores(word: string, bigrams: readonly string[], lines: readonly number[]): Map<number, FuzzyMatch> {
    const matches = new Map<number, FuzzyMatch>();
    if (lines.length === 0) return matches;
    // Fuse.js reads only the part of each line where the word's bigrams gather: same score, a fraction of the work.
    const windows = lines.map((line) => windowAround(this.normalizedLines[line] as string, bigrams, word.length));
    const fuse = new Fuse(
      windows.map((window) => window.text),
      // Text is already normalised (lower case); the pattern is plain text: no extended-search operators.
      { ignoreLocation: true, includeMatches: true, includeScore: true, isCaseSensitive: true, minMatchCharLength: Math.min(2, word.length) },
    );
    for (const result of fuse.search(word)) {
      const offset = (windows[result.refIndex] as TextWindow).offset;
      const ranges = (result.matches ?? []).flatMap((match) => match.indices.map(([start, end]) => [offset + start, offset + end + 1] as const));
      matches.set(lines[result.refIndex] as number, { score: result.score ?? 1, ranges });
    }
    return matches;
  }

  /** For words too long for Fuse.js: the share of their bigrams the line holds. */
  private bigramScores(bigrams: readonly string[], lines: readonly number[]): Map<number, FuzzyMatch> {
    const matches = new Map<number, FuzzyMatch>();
    for (const line of lines) {
      const text = this.normalizedLines[line] as string;
      const ranges = bigrams.flatMap((bigram) => occurrences(text, bigram));
      matches.set(line, { score: 1 - sharedBigrams(bigrams, text) / bigrams.length, ranges });
    }
    return matches;
  }

  private hitOf(entry: Scored, normalizedRanges: readonly (readonly [number, number])[]): SearchHit {
    const index = entry.candidate.line;
    const line = this.lines[index] as TranscriptLine;
    return {
      interviewId: this.interviewIds[this.lineInterview[index] as number] as string,
      line,
      ranges: toOriginalRanges(line.text, this.normalizedLines[index] as string, normalizedRanges),
      score: entry.score,
      exact: entry.exact,
    };
  }
}

/** [start, end) of each occurrence of `word` in `text`, at most MAX_OCCURRENCES. */
function occurrences(text: string, word: string): [number, number][] {
  const found: [number, number][] = [];
  addOccurrences(found, text, word);
  return found;
}

/** Appends the occurrences of `word` in `text` to `ranges`; returns how many. */
function addOccurrences(ranges: (readonly [number, number])[], text: string, word: string): number {
  let added = 0;
  if (word === "") return added;
  for (let at = text.indexOf(word); at !== -1 && added < MAX_OCCURRENCES; at = text.indexOf(word, at + word.length)) {
    ranges.push([at, at + word.length]);
    added++;
  }
  return added;
}

/** How many of the bigrams `text` holds; stops early, with a smaller count, once `need` is out of reach. */
function sharedBigrams(bigrams: readonly string[], text: string, need = 0): number {
  let shared = 0;
  for (let index = 0; index < bigrams.length; index++) {
    if (text.includes(bigrams[index] as string)) shared++;
    else if (shared + bigrams.length - index - 1 < need) return shared;
  }
  return shared;
}

interface TextWindow {
  readonly text: string;
  readonly offset: number;
}

/** The stretch of `text` (a word's length either side) where the most of the word's bigrams occur close together. */
function windowAround(text: string, bigrams: readonly string[], wordLength: number): TextWindow {
  const positions = bigrams.flatMap((bigram) => occurrences(text, bigram).map(([start]) => start)).sort((a, b) => a - b);
  let best = positions[0] ?? 0;
  let bestCount = 0;
  for (let first = 0, last = 0; first < positions.length; first++) {
    while (last < positions.length && (positions[last] as number) < (positions[first] as number) + wordLength) last++;
    if (last - first > bestCount) {
      bestCount = last - first;
      best = positions[first] as number;
    }
  }
  const offset = Math.max(0, best - wordLength);
  return { text: text.slice(offset, best + 2 * wordLength), offset };
}

/** A typo-tolerant match must share at least half the word's bigrams (one, for a two- or three-letter word). */
function neededBigrams(bigramCount: number): number {
  return Math.max(1, Math.ceil(bigramCount / 2));
}

const LATIN_OR_DIGIT = /[a-z0-9]/;
const HAN_ONLY = /^\p{Script=Han}+$/u;

function isHomophoneCandidate(word: string): boolean {
  const length = [...word].length;
  return length >= HOMOPHONE_WORD_LENGTH.min && length <= HOMOPHONE_WORD_LENGTH.max && HAN_ONLY.test(word);
}

/** True when offset `at` of the normalised text is not inside a Latin word or number. */
function isWordBoundary(text: string, at: number): boolean {
  return at === 0 || at === text.length || !LATIN_OR_DIGIT.test(text[at - 1] as string) || !LATIN_OR_DIGIT.test(text[at] as string);
}
