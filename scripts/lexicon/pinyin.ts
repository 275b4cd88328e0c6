/**
 * The pinyin readings of every Han character pinyin-pro knows, as a table the search reads at run time, so the bot
 * does not load pinyin-pro itself: its word dictionaries (for reading characters in context) cost the process
 * about 8 MB of heap, and the search only ever asks for one character's readings at a time.
 */
import { pinyin } from "pinyin-pro";
import { writeSections } from "../../src/lexicon/format.js";

/** Where Unicode puts Han characters: radicals and CJK symbols, Extension A and the basic block, compatibility ideographs, Extensions B–H. */
const HAN_BLOCKS: readonly (readonly [number, number])[] = [
  [0x2e80, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x323af],
];

/** A character's toneless readings as pinyin-pro gives them (ü written v), every reading of a polyphone. */
export function pinyinProReadings(char: string): string[] {
  return pinyin(char, { toneType: "none", multiple: true, type: "array", v: true }).filter((reading) =>
    /^[a-z]+$/.test(reading),
  );
}

/**
 * pinyin.bin: `codePoints` (ascending) and, for the i-th, its readings `readings[readingOff[i], readingOff[i+1])`,
 * separated by spaces. `meta` says where it comes from.
 */
export function buildPinyinReadings(meta: Record<string, unknown>): Buffer {
  const codePoints: number[] = [];
  const readingOff: number[] = [0];
  let readings = "";
  for (const [first, last] of HAN_BLOCKS) {
    for (let codePoint = first; codePoint <= last; codePoint++) {
      const char = String.fromCodePoint(codePoint);
      if (!/^\p{Script=Han}$/u.test(char)) continue;
      const ofChar = pinyinProReadings(char);
      if (ofChar.length === 0) continue;
      codePoints.push(codePoint);
      readings += ofChar.join(" ");
      readingOff.push(readings.length);
    }
  }
  return writeSections(
    { ...meta, characters: codePoints.length },
    { codePoints: Uint32Array.from(codePoints), readingOff: Uint32Array.from(readingOff), readings },
  );
}
