/**
 * Finds the generated lexicon files (data/lexicon/ at the project root, from sources or from dist/) and reads
 * each one once, on first use, into typed arrays and long strings.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isText, isU16, isU32, isU8, readSections, section } from "./format.js";

/** data/lexicon/ under the nearest folder above this module that has a package.json (the project root). */
export function lexiconDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "data", "lexicon");
    const parent = dirname(dir);
    if (parent === dir) throw new Error("lexicon: no package.json above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

function readDataFile(name: string): Buffer {
  const path = join(lexiconDataDir(), name);
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new Error(`lexicon: cannot read ${path} (run "npm run build:lexicon")`, { cause });
  }
}

/** Milliseconds each part took to load, for benchmarks and logs. */
export const loadTimes: Record<string, number> = {};

function timed<T>(name: string, load: () => T): T {
  const started = performance.now();
  const value = load();
  loadTimes[name] = performance.now() - started;
  return value;
}

/** The segmenter's dictionary, in jieba's format (word, frequency, tag per line). */
export function segmenterDictionary(): Buffer {
  return readDataFile("segmenter.txt");
}

export interface WordLists {
  readonly functionZh: ReadonlySet<string>;
  readonly functionEn: ReadonlySet<string>;
  /** Irregular English form → base form (WordNet's exception lists for verbs and nouns). */
  readonly irregular: ReadonlyMap<string, string>;
  /** The irregular forms that are verb forms (sold, ran, took). */
  readonly irregularVerbs: ReadonlySet<string>;
  /** "a,b" lines, sorted. */
  readonly synonymPairs: string;
}

let words: WordLists | undefined;

/** Function words, irregular English forms and synonym pairs. */
export function wordLists(): WordLists {
  return (words ??= timed("words", () => {
    const { sections } = readSections(readDataFile("words.bin"));
    const lines = (name: string) =>
      section(sections, name, isText)
        .split("\n")
        .filter((l) => l !== "");
    return {
      functionZh: new Set(lines("functionZh")),
      functionEn: new Set(lines("functionEn")),
      irregular: new Map(lines("irregular").map((l) => l.split(" ").slice(0, 2) as [string, string])),
      irregularVerbs: new Set(
        lines("irregular")
          .filter((l) => l.endsWith(" v"))
          .map((l) => l.slice(0, l.indexOf(" "))),
      ),
      synonymPairs: section(sections, "synonyms", isText),
    };
  }));
}

/** Gloss flag: a verb sense ("to …"). */
export const GLOSS_VERBAL = 1;
/** Gloss flag: an old, literary, dialect or Taiwan-only sense. */
export const GLOSS_MARKED = 2;

/** CC-CEDICT by simplified headword; see build.ts for how each array is made. */
export interface CedictData {
  /** All headwords, sorted by UTF-16 code unit, concatenated; entry e is heads[headOff[e], headOff[e+1]). */
  readonly heads: string;
  readonly headOff: Uint32Array;
  /** Per entry: round(10·log2(1 + jieba frequency)), 0 for words jieba does not know. */
  readonly freq: Uint8Array;
  /** Glosses of entry e: entryGloss[e] … entryGloss[e+1]-1, in dictionary order (first = main sense). */
  readonly entryGloss: Uint32Array;
  /** Per gloss: GLOSS_VERBAL | GLOSS_MARKED bits. */
  readonly glossFlags: Uint8Array;
  /** Word-key ids of each gloss, in order. */
  readonly glossTok: Uint16Array | Uint32Array;
  readonly glossTokOff: Uint32Array;
  /** Word keys, sorted, concatenated. */
  readonly keys: string;
  readonly keyOff: Uint32Array;
  /** Per key: ids of the glosses that contain it, ascending. */
  readonly post: Uint32Array;
  readonly postOff: Uint32Array;
  readonly meta: Record<string, unknown>;
}

let cedict: CedictData | undefined;

export function cedictData(): CedictData {
  return (cedict ??= timed("cedict", () => {
    const { meta, sections } = readSections(readDataFile("cedict.bin"));
    const tok = sections.get("glossTok");
    if (tok === undefined || !(isU16(tok) || isU32(tok)))
      throw new Error('lexicon data: section "glossTok" is missing');
    return {
      meta,
      heads: section(sections, "heads", isText),
      headOff: section(sections, "headOff", isU32),
      freq: section(sections, "freq", isU8),
      entryGloss: section(sections, "entryGloss", isU32),
      glossFlags: section(sections, "glossFlags", isU8),
      glossTok: tok,
      glossTokOff: section(sections, "glossTokOff", isU32),
      keys: section(sections, "keys", isText),
      keyOff: section(sections, "keyOff", isU32),
      post: section(sections, "post", isU32),
      postOff: section(sections, "postOff", isU32),
    };
  }));
}

/** The readable text of every gloss, as Latin-1 bytes: gloss g is bytes glossOff[g] … glossOff[g+1]-1. */
export interface CedictGlosses {
  readonly glossBytes: Buffer;
  readonly glossOff: Uint32Array;
  /** The text of gloss g. */
  gloss(g: number): string;
}

let glosses: CedictGlosses | undefined;

export function cedictGlosses(): CedictGlosses {
  return (glosses ??= timed("cedictGlosses", () => {
    const { sections } = readSections(readDataFile("cedict-glosses.bin"), ["glossText"]);
    const glossBytes = section(sections, "glossText", isU8) as Buffer;
    const glossOff = section(sections, "glossOff", isU32);
    return { glossBytes, glossOff, gloss: (g: number) => glossBytes.toString("latin1", glossOff[g], glossOff[g + 1]) };
  }));
}

/** Every Han character's pinyin readings; see scripts/lexicon/pinyin.ts. */
export interface PinyinReadingsData {
  /** Code points, ascending. */
  readonly codePoints: Uint32Array;
  /** Readings of codePoints[i]: readings[readingOff[i], readingOff[i+1]), separated by spaces. */
  readonly readingOff: Uint32Array;
  readonly readings: string;
}

let pinyinReadings: PinyinReadingsData | undefined;

export function pinyinReadingsData(): PinyinReadingsData {
  return (pinyinReadings ??= timed("pinyin", () => {
    const { sections } = readSections(readDataFile("pinyin.bin"));
    return {
      codePoints: section(sections, "codePoints", isU32),
      readingOff: section(sections, "readingOff", isU32),
      readings: section(sections, "readings", isText),
    };
  }));
}
