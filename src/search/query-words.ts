/**
 * A member's query cut into words: the Chinese segmenter's words, with its leftovers cut again and the words it cut
 * apart joined where the dictionary has them whole; neighbouring Latin words kept together as one phrase.
 */
import { isDictionaryWord, isFunctionWord, leadingNumber, segmentWords } from "../lexicon/index.js";

/** The query's words, as the segmenter cuts them and the dictionary mends them (function words included). */
export function queryWords(query: string): string[] {
  return joinDictionaryWords(recutLeftovers(segmentWords(query)));
}

/** The longest dictionary word tried when re-cutting the segmenter's leftovers. */
const LONGEST_WORD = 4;

/**
 * Runs of pieces that are no word (the segmenter cut across a word it does not know: 这跟川普有 → 这跟川 + 普有) are
 * cut again by the dictionary, longest word first (这 + 跟 + 川普 + 有); a character no word starts stays alone.
 */
function recutLeftovers(words: readonly string[]): string[] {
  const out: string[] = [];
  let run = "";
  const flush = (): void => {
    const characters = [...run];
    for (let start = 0; start < characters.length;) {
      let length = Math.min(LONGEST_WORD, characters.length - start);
      while (length > 1 && !isDictionaryWord(characters.slice(start, start + length).join(""))) length--;
      out.push(characters.slice(start, start + length).join(""));
      start += length;
    }
    run = "";
  };
  for (const word of words) {
    // A number and its measure word (三点, 二十三天) is no dictionary word, but no leftover either.
    const leftover = !isDictionaryWord(word) && !isFunctionWord(word) && leadingNumber(word) === undefined;
    if (/^\p{Script=Han}{2,}$/u.test(word) && leftover) run += word;
    else {
      flush();
      out.push(word);
    }
  }
  flush();
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
export function groupLatinRuns(words: readonly string[]): string[] {
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
