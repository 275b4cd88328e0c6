/** A Han character's pinyin, read from the generated table (data/lexicon/pinyin.bin, made from pinyin-pro). */
import { pinyinReadingsData } from "./data.js";

/**
 * The toneless readings of the character at `codePoint` (every reading of a polyphone; ü written v), as
 * pinyin-pro gives them; none for a character that is not Han or that pinyin-pro does not know.
 */
export function pinyinReadingsOf(codePoint: number): string[] {
  const { codePoints, readingOff, readings } = pinyinReadingsData();
  let low = 0;
  let high = codePoints.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = codePoints[middle]!;
    if (found === codePoint) return readings.slice(readingOff[middle], readingOff[middle + 1]).split(" ");
    if (found < codePoint) low = middle + 1;
    else high = middle - 1;
  }
  return [];
}
