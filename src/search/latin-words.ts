/**
 * Latin-script terms match whole words. The normalised text drops spaces (so that CJK matches across them), which
 * would let `piano` match "r·an" or `count` match "country": a Latin or number term is instead compared with the
 * line's whole words — as written, as another form of the same word (counted ↔ count, stairs ↔ stair), or with a
 * real typo (a small edit distance on the whole word: biscuts → biscuits). A phrase with a Latin edge must start
 * and end at word boundaries.
 */
import { baseCandidates } from "../lexicon/english.js";
import { isEnglishWord } from "../lexicon/index.js";
import { BoundedMemo } from "../memo.js";
import { wordGapsOf } from "./normalize.js";
import { MAX_OCCURRENCES } from "./ranges.js";

/** A term of Latin letters and digits only (after normalisation: lower case, width and accents folded). */
const LATIN_TERM = /^[a-z0-9]+$/;
const LATIN_CHAR = /[a-z0-9]/;
const LATIN_LETTER = /[a-z]/;

/** Another form of the same word (an inflection) counts nearly as much as the word as written. */
export const WORD_FORM_VALUE = 0.95;
/** The start of a longer word, for the query's last word (perhaps still being typed): `grandf` → grandfather. */
const PREFIX_VALUE = 0.7;
/** Shorter words are too often the start of unrelated ones. */
const MIN_PREFIX = 3;
/** What a typo of a whole word counts at best; less per edit relative to the word's length. */
const TYPO_VALUE = 0.8;

export function isLatinTerm(term: string): boolean {
  return LATIN_TERM.test(term);
}

/** Whether a normalised phrase starts or ends with a Latin letter or digit: then it must sit on word boundaries. */
export function hasLatinEdge(phrase: string): boolean {
  return LATIN_CHAR.test(phrase.charAt(0)) || LATIN_CHAR.test(phrase.charAt(phrase.length - 1));
}

/**
 * Edits allowed for a typo of this term: none for a real English word (`tomatoes` is not a typo of "potatoes",
 * nor `grandmother` of "grandfather"), else by length — up to 3 letters only one look-alike swap (AGl → AGI), 1 edit
 * up to 7, 2 from 8.
 */
export function maxTypoEdits(term: string): number {
  return editsByTerm.get(term, typoEditsFor);
}

/** Every candidate line asks for its query's terms: a dictionary look-up each time would cost. */
const editsByTerm = new BoundedMemo<string, number>(1024);

function typoEditsFor(term: string): number {
  if (/\d/.test(term) || isEnglishWord(term)) return 0;
  if (term.length <= 3) return 1;
  return term.length <= 7 ? 1 : 2;
}

/** Letters and digits that look alike in many fonts: the only typo allowed in words of up to 3 characters. */
const LOOK_ALIKE = new Set(["il", "li", "0o", "o0", "1l", "l1", "1i", "i1", "5s", "s5"]);

function isLookAlikeSwap(term: string, word: string): boolean {
  if (term.length !== word.length) return false;
  let swap = "";
  for (let index = 0; index < term.length; index++) {
    if (term[index] !== word[index]) {
      if (swap !== "") return false;
      swap = `${term[index]}${word[index]}`;
    }
  }
  return LOOK_ALIKE.has(swap);
}

/** How a term matched the line's words: its value (1 as written) and where, in the normalised text. */
export interface WordMatch {
  readonly value: number;
  /** As written or as another form of the word (not a typo). */
  readonly exact: boolean;
  readonly ranges: readonly (readonly [number, number])[];
}

/** The whole Latin words (and numbers) of one normalised line, found lazily: most lines need none. */
export class LineWords {
  private words: (readonly [number, number])[] | undefined;
  private gaps: ReadonlySet<number> | undefined;

  constructor(
    private readonly original: string,
    private readonly text: string,
  ) {}

  /** Whether offset `at` of the normalised text is a word boundary for Latin letters and digits. */
  isBoundary(at: number): boolean {
    return this.isOpenEdge(at) || this.wordGaps().has(at);
  }

  /** A boundary without asking where words were split: an end of the text, or a non-Latin character beside `at`. */
  private isOpenEdge(at: number): boolean {
    const { text } = this;
    return at <= 0 || at >= text.length || !LATIN_CHAR.test(text.charAt(at - 1)) || !LATIN_CHAR.test(text.charAt(at));
  }

  /** The best match of a Latin term among the line's words (or, with `prefix`, their starts), or undefined. */
  match(term: string, prefix = false): WordMatch | undefined {
    // Fast path, without finding the word gaps: occurrences between non-Latin characters (Chinese text) are whole.
    const between = this.occurrencesBetweenNonLatin(term);
    if (between.length > 0) return { value: 1, exact: true, ranges: between };
    // A line without Latin letters or digits (most Chinese lines) holds no Latin word at all.
    if (!LATIN_CHAR.test(this.text)) return undefined;
    const exact: [number, number][] = [];
    const forms: [number, number][] = [];
    const starts: [number, number][] = [];
    let typo: { edits: number; ranges: [number, number][] } | undefined;
    const allowed = maxTypoEdits(term);
    for (const [start, end] of this.latinWords()) {
      const word = this.text.slice(start, end);
      if (word === term) exact.push([start, end]);
      else if (exact.length === 0 && isWordForm(term, word)) forms.push([start, end]);
      else if (prefix && term.length >= MIN_PREFIX && word.startsWith(term)) starts.push([start, end]);
      else if (exact.length === 0 && forms.length === 0 && allowed > 0) {
        const edits = term.length > 3 || isLookAlikeSwap(term, word) ? editDistance(term, word, allowed) : allowed + 1;
        if (edits <= allowed && (typo === undefined || edits < typo.edits)) typo = { edits, ranges: [[start, end]] };
        else if (edits <= allowed && edits === typo?.edits) typo.ranges.push([start, end]);
      }
      if (exact.length >= MAX_OCCURRENCES) break;
    }
    if (exact.length > 0) return { value: 1, exact: true, ranges: exact };
    if (forms.length > 0) return { value: WORD_FORM_VALUE, exact: true, ranges: forms };
    if (typo !== undefined)
      return { value: TYPO_VALUE * (1 - typo.edits / term.length), exact: false, ranges: typo.ranges };
    return starts.length > 0 ? { value: PREFIX_VALUE, exact: false, ranges: starts } : undefined;
  }

  /**
   * Occurrences of `phrase` whose Latin edges fall on word boundaries, and that split no Latin word where the
   * query has none: "sat in" is not `satin`, but "GPT-4" is `gpt4` (letters meet digits) and `grandfather clock`
   * (joined at `joins`, offsets in the phrase) is "grandfather clock".
   */
  phraseOccurrences(phrase: string, joins: ReadonlySet<number>): [number, number][] {
    const found: [number, number][] = [];
    if (phrase === "") return found;
    const { text } = this;
    for (
      let at = text.indexOf(phrase);
      at !== -1 && found.length < MAX_OCCURRENCES;
      at = text.indexOf(phrase, at + 1)
    ) {
      if (this.isBoundary(at) && this.isBoundary(at + phrase.length) && this.keepsWords(phrase, at, joins))
        found.push([at, at + phrase.length]);
    }
    return found;
  }

  private keepsWords(phrase: string, at: number, joins: ReadonlySet<number>): boolean {
    for (let offset = 1; offset < phrase.length; offset++) {
      if (joins.has(offset) || !this.wordGaps().has(at + offset)) continue;
      const before = phrase.charAt(offset - 1);
      const after = phrase.charAt(offset);
      if (LATIN_LETTER.test(before) === LATIN_LETTER.test(after) && LATIN_CHAR.test(before) && LATIN_CHAR.test(after))
        return false;
    }
    return true;
  }

  private occurrencesBetweenNonLatin(term: string): [number, number][] {
    const found: [number, number][] = [];
    const { text } = this;
    for (let at = text.indexOf(term); at !== -1 && found.length < MAX_OCCURRENCES; at = text.indexOf(term, at + 1)) {
      if (this.isOpenEdge(at) && this.isOpenEdge(at + term.length)) found.push([at, at + term.length]);
    }
    return found;
  }

  private wordGaps(): ReadonlySet<number> {
    return (this.gaps ??= wordGapsOf(this.original, this.text));
  }

  private latinWords(): readonly (readonly [number, number])[] {
    if (this.words !== undefined) return this.words;
    const words: [number, number][] = [];
    const { text } = this;
    let start = -1;
    for (let index = 0; index <= text.length; index++) {
      const latin = index < text.length && LATIN_CHAR.test(text.charAt(index));
      if (start !== -1 && (!latin || this.wordGaps().has(index))) {
        words.push([start, index]);
        start = -1;
      }
      if (latin && start === -1) start = index;
    }
    return (this.words = words);
  }
}

/** Whether two different words are forms of one word: counted ↔ count, stairs ↔ stair, ticking ↔ ticks. */
function isWordForm(term: string, word: string): boolean {
  // Every rule keeps at least a word's first two letters, so forms of one word start alike: most words of a line
  // are told apart here, without building their candidate bases.
  if (term.charCodeAt(0) !== word.charCodeAt(0) || term.charCodeAt(1) !== word.charCodeAt(1)) return false;
  if (/^\d+$/.test(term) || /^\d+$/.test(word)) return false;
  const termBases = [term, ...baseCandidates(term)];
  const wordBases = [word, ...baseCandidates(word)];
  return termBases.some((base) => base.length >= 3 && wordBases.includes(base));
}

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours), or `max + 1` as soon as it must
 * exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}
