/**
 * Pinyin queries: `dongshihui`, `dong shi hui` or `dǒngshìhuì` → 董事会. A query made of Latin letters is split
 * into syllables that some character of the corpus is read as; each syllable becomes the set of those characters,
 * and a line matches when it holds one character of each set, in a row.
 *
 * Only the corpus' own characters are looked up (once, at build time), so the table stays small.
 */
import { pinyinReadingsOf } from "../lexicon/index.js";
import { codePointIn } from "./checked.js";

/** One reading of a query: for each syllable, the characters (code points) read that way. */
export type Reading = readonly (readonly number[])[];

export interface PinyinReadings {
  readonly readings: readonly Reading[];
  /** True when the last syllable was completed from a prefix (`dongsh…`): a weaker match. */
  readonly completed: boolean;
}

const MAX_READINGS = 4;
const LONGEST_SYLLABLE = 6;

/** A lexicon as plain data (three maps), to be posted from a worker thread. */
export interface PinyinLexiconData {
  readonly charsBySyllable: ReadonlyMap<string, readonly number[]>;
  readonly syllablesByChar: ReadonlyMap<number, readonly string[]>;
  readonly syllablesByPrefix: ReadonlyMap<string, readonly string[]>;
}

export class PinyinLexicon {
  private constructor(
    private readonly charsBySyllable: ReadonlyMap<string, readonly number[]>,
    private readonly syllablesByChar: ReadonlyMap<number, readonly string[]>,
    private readonly syllablesByPrefix: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** The lexicon for these characters; only Han characters get a reading. */
  static fromCodePoints(codePoints: Iterable<number>): PinyinLexicon {
    const charsBySyllable = new Map<string, number[]>();
    const syllablesByChar = new Map<number, string[]>();
    for (const codePoint of codePoints) {
      const spellings = syllablesOf(String.fromCodePoint(codePoint));
      if (spellings.length === 0) continue;
      syllablesByChar.set(codePoint, spellings);
      for (const spelling of spellings) {
        const chars = charsBySyllable.get(spelling) ?? [];
        chars.push(codePoint);
        charsBySyllable.set(spelling, chars);
      }
    }
    const syllablesByPrefix = new Map<string, string[]>();
    for (const syllable of charsBySyllable.keys()) {
      for (let length = 1; length <= syllable.length; length++) {
        const prefix = syllable.slice(0, length);
        syllablesByPrefix.set(prefix, [...(syllablesByPrefix.get(prefix) ?? []), syllable]);
      }
    }
    return new PinyinLexicon(charsBySyllable, syllablesByChar, syllablesByPrefix);
  }

  static fromData(data: PinyinLexiconData): PinyinLexicon {
    return new PinyinLexicon(data.charsBySyllable, data.syllablesByChar, data.syllablesByPrefix);
  }

  toData(): PinyinLexiconData {
    const { charsBySyllable, syllablesByChar, syllablesByPrefix } = this;
    return { charsBySyllable, syllablesByChar, syllablesByPrefix };
  }

  /** The pinyin syllables (toneless) of a character. */
  syllablesOfChar(char: string): readonly string[] {
    return this.syllablesByChar.get(codePointIn(char, 0)) ?? syllablesOf(char);
  }

  /**
   * A Chinese word as a reading: each character stands for every character that sounds like it, so a
   * homophone typo from a pinyin keyboard (阴谋轮 for 阴谋论) still matches. `undefined` if a character has no reading.
   */
  homophoneReading(word: string): Reading | undefined {
    const reading: number[][] = [];
    for (const char of word) {
      // A character the corpus lacks (the typo itself, often) is looked up now.
      const syllables = this.syllablesOfChar(char);
      if (syllables.length === 0) return undefined;
      reading.push([...new Set(syllables.flatMap((syllable) => this.charsBySyllable.get(syllable) ?? []))]);
    }
    return reading;
  }

  /**
   * The ways `chunks` (letters split where the user put spaces or apostrophes) read as at least two syllables,
   * fewest syllables first. When no full reading exists, the last syllable may be an unfinished prefix.
   */
  readingsOf(chunks: readonly string[]): PinyinReadings {
    const full = this.combine(chunks, false);
    if (full.length > 0) return { readings: full, completed: false };
    return { readings: this.combine(chunks, true), completed: true };
  }

  private combine(chunks: readonly string[], allowPrefixAtEnd: boolean): Reading[] {
    let readings: string[][] = [[]];
    chunks.forEach((chunk, index) => {
      const splits = this.splitsOf(chunk, allowPrefixAtEnd && index === chunks.length - 1);
      readings = readings.flatMap((before) => splits.map((split) => [...before, ...split])).slice(0, MAX_READINGS);
    });
    return readings
      .filter((syllables) => syllables.length >= 2)
      .sort((a, b) => a.length - b.length)
      .map((syllables) => syllables.map((syllable) => this.charsOf(syllable)));
  }

  /** Syllable sequences spelling `letters` exactly (a `…*` piece at the end stands for a prefix). */
  private splitsOf(letters: string, allowPrefixAtEnd: boolean): string[][] {
    const results: string[][] = [];
    // Positions from which the rest cannot be spelled: remembered, so a long non-pinyin query stays linear.
    const deadEnds = new Set<number>();
    const walk = (from: number, taken: string[]): void => {
      if (from === letters.length) {
        results.push(taken);
        return;
      }
      if (deadEnds.has(from)) return;
      const before = results.length;
      // Longest syllable first: `xian` reads as one syllable before `xi an`.
      for (
        let length = Math.min(LONGEST_SYLLABLE, letters.length - from);
        length >= 1 && results.length < MAX_READINGS;
        length--
      ) {
        const piece = letters.slice(from, from + length);
        if (this.charsBySyllable.has(piece)) walk(from + length, [...taken, piece]);
        else if (allowPrefixAtEnd && from + length === letters.length && this.syllablesByPrefix.has(piece))
          walk(from + length, [...taken, `${piece}*`]);
      }
      if (results.length === before) deadEnds.add(from);
    };
    walk(0, []);
    return results;
  }

  private charsOf(syllable: string): readonly number[] {
    if (!syllable.endsWith("*")) return this.charsBySyllable.get(syllable) ?? [];
    const syllables = this.syllablesByPrefix.get(syllable.slice(0, -1)) ?? [];
    return [...new Set(syllables.flatMap((full) => this.charsBySyllable.get(full) ?? []))];
  }
}

/** Toneless readings of one Han character (all of them, for a polyphone), `v` and `u` both for ü. */
function syllablesOf(char: string): string[] {
  if (!/^\p{Script=Han}$/u.test(char)) return [];
  const readings = pinyinReadingsOf(codePointIn(char, 0));
  // `lv` is how pinyin input methods write lü; people also type `lu`.
  return [...new Set(readings.flatMap((reading) => [reading, reading.replace(/v/g, "u")]))];
}

/**
 * The letter chunks of a query that looks like pinyin (letters, spaces, apostrophes, tone marks or tone
 * numbers), or `undefined` when it does not.
 */
export function pinyinChunks(query: string): string[] | undefined {
  const plain = query
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/([a-z])[1-5]/g, "$1");
  if (!/^[a-z' ]+$/.test(plain)) return undefined;
  const chunks = plain.split(/[' ]+/).filter((chunk) => chunk.length > 0);
  return chunks.length > 0 ? chunks : undefined;
}

/** A reading as sets, for testing characters of a line. */
export function readingSets(reading: Reading): readonly ReadonlySet<number>[] {
  return reading.map((codePoints) => new Set(codePoints));
}

/** Where the reading occurs in `text`, as [start, end) offsets, at most `max` of them. */
export function findReading(text: string, sets: readonly ReadonlySet<number>[], max: number): [number, number][] {
  const found: [number, number][] = [];
  for (let start = 0; start < text.length && found.length < max; start += charLength(text, start)) {
    let at = start;
    let matched = 0;
    for (const set of sets) {
      if (at >= text.length || !set.has(codePointIn(text, at))) break;
      at += charLength(text, at);
      matched++;
    }
    if (matched === sets.length) found.push([start, at]);
  }
  return found;
}

function charLength(text: string, index: number): number {
  return codePointIn(text, index) > 0xffff ? 2 : 1;
}
