/**
 * From what a user typed to what the search looks for: the query is validated (empty, too long, punctuation
 * only), split into words, and planned as a phrase (every word joined), weighted terms (the distinct words) and
 * pinyin readings. Everything downstream — candidates, ranking, highlighting — reads only the plan.
 *
 * Later planning steps belong here, between the words and the terms: segmenting Chinese into words, dropping
 * function and question words, weighting rare terms above common ones, adding synonyms and translations.
 */
import { foldWithoutConversion, queryWords } from "./normalize.js";
import { pinyinChunks, type PinyinLexicon, type PinyinReadings } from "./pinyin.js";
import { MAX_QUERY_LENGTH, type SearchErrorKind } from "./types.js";

/** Distinct words of a query that are matched one by one; more only feed the phrase. */
const MAX_TERMS = 8;

/** One thing a line should hold: a normalised word of the query. */
export interface QueryTerm {
  readonly text: string;
  /** How much the term counts in a line's coverage of the query, relative to the other terms; 1 for now. */
  readonly weight: number;
}

export interface QueryPlan {
  /** The normalised query: every word, joined. */
  readonly phrase: string;
  /**
   * The phrase, then the phrase as typed (width and case folded, not converted) when conversion changed it:
   * out of context OpenCC may convert a fragment differently from the same characters inside a line (么 → 幺).
   */
  readonly phrases: readonly string[];
  readonly terms: readonly QueryTerm[];
  readonly pinyin: PinyinReadings | undefined;
  /** Offsets in the phrase where two of the query's words meet: where a line may have a space or punctuation. */
  readonly joins: ReadonlySet<number>;
  /** The last word ends the query (nothing typed after it): it may be a word being typed, matched as a prefix. */
  readonly prefixable: boolean;
}

export type ParsedQuery =
  | { readonly ok: true; readonly words: string[]; readonly typedPhrase: string }
  | { readonly ok: false; readonly error: SearchErrorKind };

/** Validates a raw query: an error value for empty, too long or punctuation-only input, else its words. */
export function parseQuery(query: string): ParsedQuery {
  const trimmed = query.trim();
  if (trimmed === "") return { ok: false, error: "empty" };
  if (trimmed.length > MAX_QUERY_LENGTH * 2 || [...trimmed].length > MAX_QUERY_LENGTH)
    return { ok: false, error: "too-long" };
  const words = queryWords(trimmed);
  return words.length === 0
    ? { ok: false, error: "no-terms" }
    : { ok: true, words, typedPhrase: foldWithoutConversion(trimmed) };
}

/** The plan for normalised `words`; `typedPhrase` is the query folded without conversion, when known. */
export function planQuery(
  words: readonly string[],
  lexicon: PinyinLexicon,
  typedPhrase?: string,
  prefixable = true,
): QueryPlan {
  const chunks = pinyinChunks(words.join(" "));
  const phrase = words.join("");
  return {
    phrase,
    phrases: typedPhrase === undefined || typedPhrase === phrase ? [phrase] : [phrase, typedPhrase],
    terms: [...new Set(words)].slice(0, MAX_TERMS).map((text) => ({ text, weight: 1 })),
    pinyin: chunks === undefined ? undefined : lexicon.readingsOf(chunks),
    joins: joinsOf(words),
    prefixable,
  };
}

/** The terms' texts, in order. */
export function termTexts(plan: QueryPlan): string[] {
  return plan.terms.map((term) => term.text);
}

/** Where words written one after another meet once joined: ["twenty", "seven"] → {6} in "twentyseven". */
export function joinsOf(words: readonly string[]): Set<number> {
  return new Set(words.slice(0, -1).map((_word, index) => words.slice(0, index + 1).join("").length));
}
