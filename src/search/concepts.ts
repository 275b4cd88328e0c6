/**
 * Reading a query the way a member means it, for when the words as typed find nothing good: the query is cut into
 * words (a Chinese segmenter; Latin words whole), question and function words are dropped, and each remaining
 * word becomes a concept — the word itself, its synonyms (辞退 → 解雇), its translations (dismissed → 解雇;
 * 炒鱿鱼 → "to fire" → 解雇) — keeping only alternatives the content holds. Concepts are weighted by rarity
 * (inverse document frequency), so 董事会 counts for more than Sam.
 */
import {
  isDictionaryWord,
  isFunctionWord,
  segmentWords,
  synonymsOf,
  translateChinese,
  translateEnglish,
} from "../lexicon/index.js";
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
/** Through English and back (炒鱿鱼 → fire → 解雇), or a synonym of a translation (chaos → 紊乱 → 混乱). */
const BRIDGE_VALUE = 0.75;
/**
 * A Chinese word the content lacks in every form weighs this share of a rare word: members phrase questions in
 * words the transcript does not use (心情, 评价), which should not sink lines holding the rest. A missing Latin word
 * (GPT-5, a name) weighs fully: it names what the member is after.
 */
const MISSING_CHINESE_SHARE = 0.3;
const ALTERNATIVES = 6;
const GLOSSES_BRIDGED = 3;
/** Counting stops here: a word this common is as good as unrare. */
const DF_CAP = 5000;
/** At most this many concepts are read from a query (the first ones). */
const MAX_CONCEPTS = 8;

export interface ConceptPlan {
  readonly concepts: readonly Concept[];
  /** The query is phrased as a sentence (it had question or function words), not as keywords. */
  readonly phrased: boolean;
}

/** The concepts of `query`: none when every word is a function word. */
export function conceptsOf(query: string, content: ContentStatistics): ConceptPlan {
  const cache = new Map<string, number>();
  const frequency = (text: string): number => {
    let count = cache.get(text);
    if (count === undefined) cache.set(text, (count = content.linesWith(text, DF_CAP)));
    return count;
  };
  const occurs = (word: string): boolean => frequency(normalize(word)) > 0;
  const concepts: Concept[] = [];
  const segmented = joinDictionaryWords(segmentWords(query));
  const words = groupLatinRuns(segmented.filter((word) => !isFunctionWord(word)));
  for (const word of words.slice(0, MAX_CONCEPTS)) {
    const alternatives = alternativesOf(word, occurs).filter((alternative) => frequency(alternative.text) > 0);
    const found = Math.max(0, ...alternatives.map((alternative) => frequency(alternative.text)));
    const rarity = Math.log(1 + (content.lineCount + 1) / (found + 0.5));
    const missingChinese = found === 0 && !isLatinTerm(normalize(word));
    concepts.push({ word, alternatives, weight: missingChinese ? MISSING_CHINESE_SHARE * rarity : rarity });
  }
  return { concepts, phrased: segmented.some(isFunctionWord) };
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
  if (isLatinTerm(typed)) {
    const translations = translateEnglish(word, { limit: ALTERNATIVES });
    add(translations.filter(occurs), TRANSLATION_VALUE);
    add(translateEnglish(word, options).filter(occurs), TRANSLATION_VALUE);
    if (out.length === 1) {
      for (const translation of translateEnglish(word, { limit: ALTERNATIVES, directOnly: true }))
        add(synonymsOf(translation, options).filter(occurs), BRIDGE_VALUE);
    }
  } else {
    add(synonymsOf(word, options).filter(occurs), SYNONYM_VALUE);
    if (!occurs(word) && out.length === 1) {
      for (const gloss of translateChinese(word, { limit: GLOSSES_BRIDGED }))
        add(translateEnglish(gloss, { ...options, directOnly: true }).filter(occurs), BRIDGE_VALUE);
    }
  }
  return out;
}

/** Neighbouring words the segmenter cut apart but the dictionary has whole: 炒 + 鱿鱼 → 炒鱿鱼 ("to get fired"). */
function joinDictionaryWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < words.length; index++) {
    let joined = words[index]!;
    let end = index;
    for (let next = index + 1; next < Math.min(words.length, index + 4); next++) {
      const candidate = words.slice(index, next + 1).join("");
      if (
        /\p{Script=Han}/u.test(candidate) &&
        !/[\p{Script=Latin}\p{N}]/u.test(candidate) &&
        isDictionaryWord(candidate)
      ) {
        joined = candidate;
        end = next;
      }
    }
    out.push(joined);
    index = end;
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
