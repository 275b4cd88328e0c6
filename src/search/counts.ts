/**
 * Questions that ask for a count — 董事会当时有几个人, 多少钱, 几点, "how many years" — are answered by a line where a
 * number stands before the thing counted (董事会人数减少到六个人, "eleven years"), whatever else the line says. This
 * module finds the thing counted in a query; concepts.ts makes it a concept whose forms hold only after a count.
 */
import { isCountable, isFunctionWord } from "../lexicon/index.js";
import { isLatinTerm } from "./latin-words.js";

/** What a question asks the count of. */
export interface CountedUnit {
  /** The question's words for it, as typed: 几个人, 几点, "how many years". */
  readonly typed: string;
  /** The thing counted, as typed: 人, 点, years. */
  readonly unit: string;
  /** The query's words it takes (the asking words and the unit), by index. */
  readonly indexes: readonly number[];
  /** A word of the query that says the count vaguely, and may stand so in a line (几天: "a few days"). */
  readonly vague?: string;
}

/** Chinese words that ask "how many", before the thing counted: 几个人, 多少钱, 有几位董事. */
const HOW_MANY_ZH = new Set(["几", "几个", "多少", "多少个"]);
/** Numerals that carry a count on (几十, 几百): not what is counted. */
const NUMERAL_UNIT = /^[十百千万亿]$/u;
/** English: "how many years", "how much money". */
const HOW_MANY_EN = new Set(["many", "much"]);

/** The things the query asks the count of: none for most queries. */
export function countedUnits(words: readonly string[]): CountedUnit[] {
  const out: CountedUnit[] = [];
  words.forEach((word, index) => {
    // 几十年, 几百个: the count goes on in numerals before the thing counted.
    let unitAt = index + 1;
    while (HOW_MANY_ZH.has(word) && NUMERAL_UNIT.test(words[unitAt] ?? "")) unitAt++;
    const next = words[unitAt];
    if (HOW_MANY_ZH.has(word) && next !== undefined && isHan(next) && isCountable(next)) {
      const indexes = Array.from({ length: unitAt - index + 1 }, (_, offset) => index + offset);
      out.push({ typed: words.slice(index, unitAt + 1).join(""), unit: next, indexes });
    } else if (/^几\p{Script=Han}$/u.test(word) && isCountable(word.slice(1))) {
      // One word of the segmenter's: 几点, 几年, 几天, 几个 at the end (not 几乎 "almost": 乎 counts nothing).
      out.push({ typed: word, unit: word.slice(1), indexes: [index], vague: word });
    } else if (
      HOW_MANY_EN.has(word.toLowerCase()) &&
      words[index - 1]?.toLowerCase() === "how" &&
      next !== undefined &&
      isLatinTerm(next) &&
      !isFunctionWord(next)
    ) {
      out.push({ typed: `how ${word} ${next}`, unit: next, indexes: [index - 1, index, index + 1] });
    }
  });
  return out;
}

function isHan(word: string): boolean {
  return /^\p{Script=Han}+$/u.test(word);
}

/** How Chinese text writes a count before a unit: 六人 and 六个人 for 人; 六位 for 位. */
export function countedForms(unit: string): string[] {
  return unit === "个" ? [unit] : [unit, `个${unit}`];
}
