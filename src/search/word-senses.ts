/**
 * What dictionary words mean, as the concept planner compares them: a Chinese word's main senses (its first few
 * glosses, in base form), whether two words share one, and English words of one family (invest, investor).
 */
import { sensesOf } from "../lexicon/index.js";
import { BoundedMemo } from "../memo.js";

/** The senses read as a word's main ones. */
const GLOSSES_BRIDGED = 3;

/**
 * Whether one word's main sense shares a word with the other's senses: 开除 (expel; fire) and 解雇 (fire; sack)
 * do, 股份 (share; stock) and 股权 (equity shares; stock right) do, 开除 and 射击 (shoot; fire) do not. Keeps a
 * synonym or a bridge through English from following a word's other meaning.
 */
export function sharesMainSense(word: string, other: string): boolean {
  const senses = mainSenses(word);
  const otherSenses = mainSenses(other);
  const overlaps = (main: readonly string[] | undefined, all: readonly (readonly string[])[]): boolean =>
    main?.some((key) => all.some((sense) => sense.includes(key))) === true;
  return overlaps(senses[0], otherSenses) || overlaps(otherSenses[0], senses);
}

/** Whether two words' first senses are the same (烫伤 "scald" and 烫 "scald; burn"; not 开源 "open source" and 开 "open"). */
export function sameFirstSense(word: string, other: string): boolean {
  const first = mainSenses(word)[0];
  const otherFirst = mainSenses(other)[0];
  return otherFirst !== undefined && first?.join(" ") === otherFirst.join(" ");
}

/** A word's main senses as English text (its gloss words in base form): 解雇 → "fire", "sack", "dismiss". */
export function glossesOf(word: string): string[] {
  return mainSenses(word).map((sense) => sense.join(" "));
}

/** A word's first senses, remembered: the same dictionary words are compared query after query. */
function mainSenses(word: string): readonly (readonly string[])[] {
  return sensesByWord.get(word, (unknown) => sensesOf(unknown, { limit: GLOSSES_BRIDGED }));
}

const sensesByWord = new BoundedMemo<string, readonly (readonly string[])[]>(10_000);

/** English derivations, suffix → replacements: coordination → coordinate, happiness → happy, candor → candid. */
const DERIVATIONS: readonly (readonly [string, readonly string[]])[] = [
  ["ization", ["ize"]],
  ["ation", ["ate", "e", ""]],
  ["iness", ["y"]],
  ["ness", [""]],
  ["ility", ["le"]],
  ["ity", ["", "e"]],
  ["ment", [""]],
  ["our", ["or"]],
  ["or", ["id"]],
  ["ize", ["ization"]],
  ["ate", ["ation"]],
];

/** Words of the same family as an English word, by common derivational suffixes (not checked: looked up after). */
export function relatedEnglishWords(word: string): string[] {
  const related: string[] = [];
  for (const [suffix, replacements] of DERIVATIONS) {
    if (word.length <= suffix.length + 2 || !word.endsWith(suffix)) continue;
    for (const replacement of replacements) related.push(word.slice(0, -suffix.length) + replacement);
  }
  return related;
}

/** Shortest shared start that makes two English words one family (invest, investor; device, devices). */
const WORD_FAMILY_STEM = 4;

/** Whether two English words are the same or of one family (invest, investor; device, devices). */
function sameFamily(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= WORD_FAMILY_STEM && (a.startsWith(b) || b.startsWith(a)));
}

/** Whether one of a Chinese word's main senses uses the English word or one of its family (investor ~ invest). */
export function meansEnglishWord(chinese: string, english: string): boolean {
  return mainSenses(chinese).some((sense) => sense.some((key) => sameFamily(key, english)));
}

/**
 * Whether one of a Chinese word's main senses ends in the English word (or one of its family): "mobile device" names
 * a device, "teachers' college" (师范大学) names no teacher.
 */
export function namedAsHead(chinese: string, english: string): boolean {
  return mainSenses(chinese).some((sense) => sameFamily(sense.at(-1) ?? "", english));
}
