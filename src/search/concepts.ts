/**
 * Reading a query the way a member means it, for when the words as typed find nothing good: the query is cut into
 * words (a Chinese segmenter; Latin words whole), question and function words are dropped, and each remaining
 * word becomes a concept — the word itself, its synonyms (辞退 → 解雇), its translations (dismissed → 解雇;
 * 炒鱿鱼 → "to fire" → 解雇) — keeping only alternatives the content holds. Concepts are weighted by rarity
 * (inverse document frequency), so 董事会 counts for more than Sam.
 */
import { contentWords, synonymsOf, translateChinese, translateEnglish } from "../lexicon/index.js";
import { isLatinTerm } from "./latin-words.js";
import { normalize } from "./normalize.js";

/** One way a concept may stand in a line, and what finding it there is worth (1: the word as typed). */
export interface Alternative {
  readonly text: string;
  readonly value: number;
}

export interface Concept {
  /** The word as the member typed it (for suggestions). */
  readonly word: string;
  /** The word as typed first, then synonyms and translations the content holds; empty when none occurs. */
  readonly alternatives: readonly Alternative[];
  /** Inverse document frequency of the concept (its rarest form); the most for a concept the content lacks. */
  readonly weight: number;
}

/** What the concept planner asks of the content. */
export interface ContentStatistics {
  /** Lines holding `text` (normalised), counted up to `cap`. */
  linesWith(text: string, cap: number): number;
  readonly lineCount: number;
}

const SYNONYM_VALUE = 0.85;
const TRANSLATION_VALUE = 0.9;
/** Through English and back (炒鱿鱼 → fire → 解雇): the loosest bridge. */
const BRIDGE_VALUE = 0.75;
const ALTERNATIVES = 6;
const GLOSSES_BRIDGED = 3;
/** Counting stops here: a word this common is as good as unrare. */
const DF_CAP = 5000;
/** At most this many concepts are read from a query (the first ones). */
const MAX_CONCEPTS = 8;

/** The concepts of `query`, or none when every word is a function word. */
export function conceptsOf(query: string, content: ContentStatistics): Concept[] {
  const cache = new Map<string, number>();
  const frequency = (text: string): number => {
    let count = cache.get(text);
    if (count === undefined) cache.set(text, (count = content.linesWith(text, DF_CAP)));
    return count;
  };
  const occurs = (word: string): boolean => frequency(normalize(word)) > 0;
  const concepts: Concept[] = [];
  const words = groupLatinRuns(contentWords(query));
  for (const word of words.slice(0, MAX_CONCEPTS)) {
    const alternatives = alternativesOf(word, occurs).filter((alternative) => frequency(alternative.text) > 0);
    const found = Math.max(0, ...alternatives.map((alternative) => frequency(alternative.text)));
    concepts.push({ word, alternatives, weight: Math.log(1 + (content.lineCount + 1) / (found + 0.5)) });
  }
  return concepts;
}

function alternativesOf(word: string, occurs: (word: string) => boolean): Alternative[] {
  const typed = normalize(word);
  const out: Alternative[] = [{ text: typed, value: 1 }];
  const add = (texts: readonly string[], value: number): void => {
    for (const text of texts.map(normalize)) {
      if (text !== "" && !out.some((alternative) => alternative.text === text)) out.push({ text, value });
    }
  };
  const options = { limit: ALTERNATIVES, occurs };
  if (isLatinTerm(typed.replace(/ /g, ""))) {
    add(translateEnglish(word, options).filter(occurs), TRANSLATION_VALUE);
  } else {
    add(synonymsOf(word, options).filter(occurs), SYNONYM_VALUE);
    if (!occurs(word) && out.length === 1) {
      for (const gloss of translateChinese(word, { limit: GLOSSES_BRIDGED }))
        add(translateEnglish(gloss, options).filter(occurs), BRIDGE_VALUE);
    }
  }
  return out;
}

/** Consecutive Latin words stay one phrase ("stock options", "chief executive"): translated together. */
function groupLatinRuns(words: readonly string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0) out.push(run.join(" "));
    run = [];
  };
  for (const word of words) {
    if (/^[\p{Script=Latin}\p{N}'’\-.+&]+$/u.test(word)) run.push(word);
    else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out;
}
