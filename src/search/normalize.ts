/**
 * The one normalisation applied to transcript text and to queries alike, so that what a user types and what a
 * line says meet in the same form: Unicode NFKC (full-width → half-width), lower case, traditional → simplified
 * Chinese (phrase-aware), with whitespace, punctuation, symbols and invisible characters dropped.
 *
 * Matching happens on that normalised copy; `normalizeWithMap` also says where each normalised unit came from,
 * so a match can be highlighted in the original text.
 *
 * Over 300 lines because folding, offset tracing and re-aligning after a conversion that changed the length
 * share one cluster-by-cluster pass with reused buffers: it runs on every line built and every hit shown.
 */
import { Converter } from "opencc-js";
import { at, codePointIn } from "./checked.js";
import { isInsideSurrogatePair, sortAndMerge } from "./ranges.js";
import type { MatchRange } from "./types.js";

// Phrase conversion (`twp`): character by character would turn 簡訊/晶片 into 简讯/晶片 instead of 短信/芯片.
const toSimplified = Converter({ from: "twp", to: "cn" });

const KEPT = /^[\p{L}\p{N}\p{M}]+$/u;
const COMBINING_MARK = /^\p{M}$/u;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

export interface NormalizedText {
  readonly text: string;
  /** For each UTF-16 unit of `text`: the original offset where its source starts, and where it ends (exclusive). */
  readonly sourceStart: Uint32Array;
  readonly sourceEnd: Uint32Array;
  /** Offsets in `text` just after something that was dropped (whitespace, punctuation…): word gaps. */
  readonly gaps: ReadonlySet<number>;
}

/** The normalised form of `text`, as stored in the index and matched against. */
/** Chinese text in simplified characters (traditional characters and Taiwanese phrasing converted). */
export function simplifiedChinese(text: string): string {
  return toSimplified(text);
}

export function normalize(text: string): string {
  return toSimplifiedChinese(folder.fold(text, false));
}

/** `normalize` without the traditional → simplified conversion: the text as typed, width and case folded. */
export function foldWithoutConversion(text: string): string {
  return folder.fold(text, false);
}

/**
 * Where words were split in `normalize(text)` (`normalized`): `normalizeWithMap(…).gaps` without copying the
 * offset maps, for the hot path that only asks where Latin words end.
 */
export function wordGapsOf(text: string, normalized: string): ReadonlySet<number> {
  const folded = folder.fold(text, true);
  return folded.length === normalized.length ? new Set(folder.gaps()) : normalizeWithMap(text, normalized).gaps;
}

/**
 * `normalize(text)` plus where each unit of it comes from in `text`. Passing the already known `normalize(text)`
 * saves the Chinese conversion when it kept the length (nearly always).
 */
export function normalizeWithMap(text: string, knownNormalized?: string): NormalizedText {
  const folded = folder.fold(text, true);
  const trace = { start: folder.starts().slice(), end: folder.ends().slice(), gaps: new Set(folder.gaps()) };
  if (knownNormalized?.length === folded.length) {
    return { text: knownNormalized, sourceStart: trace.start, sourceEnd: trace.end, gaps: trace.gaps };
  }
  return alignConversion(text, folded, trace);
}

/**
 * Ranges in `normalized` (which must be `normalize(original)`) → ranges in `original`, sorted and merged.
 * The hot path of every search reply, so it reuses the folder's buffers instead of copying a map.
 */
export function toOriginalRanges(
  original: string,
  normalized: string,
  ranges: readonly (readonly [number, number])[],
): MatchRange[] {
  if (ranges.length === 0) return [];
  // The folded length alone tells whether conversion kept positions (nearly always): no need to build the text.
  const traced = folder.trace(original) === normalized.length;
  const { sourceStart, sourceEnd } = traced ? folder.buffers() : normalizeWithMap(original);
  const length = traced ? normalized.length : sourceStart.length;
  const mapped: [number, number][] = [];
  for (const [start, end] of ranges) {
    if (start >= 0 && start < end && end <= length) mapped.push([at(sourceStart, start), at(sourceEnd, end - 1)]);
  }
  return sortAndMerge(mapped);
}

function isSimpleCjk(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

/**
 * NFKC + lower case + dropping separators, one cluster (a character and its combining marks) at a time.
 * Runs of characters that stay as they are (most of them) are copied in one slice, not one by one. When
 * tracing, it records where each unit of the result came from, in buffers reused from call to call.
 */
class Folder {
  private sourceStart = new Uint32Array(256);
  private sourceEnd = new Uint32Array(256);
  private gapOffsets: number[] = [];
  private text = "";
  private out = "";
  private length = 0;
  private runStart = -1;
  private droppedSinceLastKept = false;
  private tracing = false;
  private building = true;

  /** Records where each unit of `normalize(text)` (before conversion) comes from; returns its length. */
  trace(text: string): number {
    this.run(text, true, false);
    return this.length;
  }

  fold(text: string, tracing: boolean): string {
    this.run(text, tracing, true);
    const out = this.out;
    this.out = "";
    return out;
  }

  /** The whole buffers (only the first `trace(…)` units are meaningful), valid until the next `fold` or `trace`. */
  buffers(): { sourceStart: Uint32Array; sourceEnd: Uint32Array } {
    return { sourceStart: this.sourceStart, sourceEnd: this.sourceEnd };
  }

  private run(text: string, tracing: boolean, building: boolean): void {
    this.building = building;
    this.text = text;
    this.out = "";
    this.length = 0;
    this.runStart = -1;
    this.droppedSinceLastKept = false;
    this.tracing = tracing;
    this.gapOffsets = [];
    let index = 0;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      // Fast paths: ASCII and common CJK ideographs need no Unicode tables (unless marks follow: e + ◌́ is é).
      if (code < 0x80 && !(text.charCodeAt(index + 1) >= 0x300 && joinsPrevious(text, index + 1))) {
        if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) this.keepAsIs(index, index + 1);
        else if (code >= 0x41 && code <= 0x5a) this.keepChanged(String.fromCharCode(code + 32), index, index + 1);
        else this.drop(index);
        index++;
        continue;
      }
      const clusterEnd = endOfCluster(text, index);
      const single = clusterEnd === index + codePointLength(text, index);
      if (single && isSimpleCjk(code)) {
        this.keepAsIs(index, clusterEnd);
      } else {
        const kept = single ? foldCodePoint(codePointIn(text, index)) : foldCluster(text.slice(index, clusterEnd));
        if (kept === "") {
          if (single && isInvisibleInWord(codePointIn(text, index))) this.vanish(index);
          else this.drop(index);
        } else if (kept.length === clusterEnd - index && text.startsWith(kept, index)) this.keepAsIs(index, clusterEnd);
        else this.keepChanged(kept, index, clusterEnd);
      }
      index = clusterEnd;
    }
    this.flush(text.length);
    this.text = "";
  }

  /** Valid until the next `fold`. */
  starts(): Uint32Array {
    return this.sourceStart.subarray(0, this.length);
  }

  ends(): Uint32Array {
    return this.sourceEnd.subarray(0, this.length);
  }

  gaps(): readonly number[] {
    return this.gapOffsets;
  }

  private keepAsIs(start: number, end: number): void {
    if (this.runStart === -1) this.runStart = start;
    this.noteKept(end - start, start, end);
  }

  private keepChanged(chars: string, start: number, end: number): void {
    this.flush(start);
    if (this.building) this.out += chars;
    this.noteKept(chars.length, start, end);
  }

  private drop(at: number): void {
    this.flush(at);
    this.droppedSinceLastKept = true;
  }

  /** Leaves out an invisible character without cutting the word it stands in. */
  private vanish(at: number): void {
    this.flush(at);
  }

  private flush(until: number): void {
    if (this.runStart !== -1 && this.building) this.out += this.text.slice(this.runStart, until);
    this.runStart = -1;
  }

  private noteKept(units: number, start: number, end: number): void {
    if (this.tracing) {
      if (this.droppedSinceLastKept && this.length > 0) this.gapOffsets.push(this.length);
      if (this.length + units > this.sourceStart.length) this.grow(this.length + units);
      for (let unit = this.length; unit < this.length + units; unit++) {
        this.sourceStart[unit] = start;
        this.sourceEnd[unit] = end;
      }
    }
    this.droppedSinceLastKept = false;
    this.length += units;
  }

  private grow(needed: number): void {
    const size = Math.max(needed, this.sourceStart.length * 2);
    const start = new Uint32Array(size);
    const end = new Uint32Array(size);
    start.set(this.sourceStart);
    end.set(this.sourceEnd);
    this.sourceStart = start;
    this.sourceEnd = end;
  }
}

// One folder for the module: search runs synchronously, so its buffers are never shared between two calls.
const folder = new Folder();

// Per-character results are remembered: a corpus uses a few thousand distinct characters, over and over.
const CACHE_LIMIT = 1 << 16;
const foldCache = new Map<number, string>();
const markCache = new Map<number, boolean>();

// `compute` is a module-level function, never a fresh closure: this runs for every character of every hit.
function remembered<T>(cache: Map<number, T>, codePoint: number, compute: (codePoint: number) => T): T {
  let value = cache.get(codePoint);
  if (value === undefined) {
    value = compute(codePoint);
    if (cache.size < CACHE_LIMIT) cache.set(codePoint, value);
  }
  return value;
}

function foldCodePoint(codePoint: number): string {
  return remembered(foldCache, codePoint, foldSingleCodePoint);
}

function foldSingleCodePoint(codePoint: number): string {
  return foldCluster(String.fromCodePoint(codePoint));
}

function testCombiningMark(codePoint: number): boolean {
  return COMBINING_MARK.test(String.fromCodePoint(codePoint));
}

/**
 * NFKC and lower case of a character with its marks, keeping only letters, digits and visible marks. İ lowers to
 * plain i (as Unicode's Turkic case folding has it), not i + combining dot: `istanbul` finds İstanbul.
 */
function foldCluster(cluster: string): string {
  let kept = "";
  for (const char of cluster
    .normalize("NFKC")
    .replace(/\u0130/g, "i")
    .toLowerCase()) {
    if (KEPT.test(char) && !IGNORABLE.test(char)) kept += char;
  }
  return kept;
}

/**
 * Invisible characters that stand inside words rather than between them: a soft hyphen (co\u00ADoperative, from text
 * copied off a web page), the zero-width joiner and non-joiner, the word joiner, a byte-order mark. (Variation
 * selectors and the grapheme joiner are marks: they join the character before.) A zero-width space, direction marks
 * and the other invisible characters still cut words.
 */
function isInvisibleInWord(codePoint: number): boolean {
  return INVISIBLE_IN_WORD.has(codePoint);
}

const INVISIBLE_IN_WORD: ReadonlySet<number> = new Set([0xad, 0x200c, 0x200d, 0x2060, 0xfeff]);

/**
 * The end of the character at `index` and what joins it: combining marks, and a Hangul syllable's vowel and final
 * jamo when it is written decomposed (NFD, as some systems copy text). NFKC then composes the whole.
 */
function endOfCluster(text: string, index: number): number {
  let end = index + codePointLength(text, index);
  while (joinsPrevious(text, end)) end += codePointLength(text, end);
  return end;
}

/** Whether the character at `index` joins the one before it: a combining mark, or a Hangul vowel or final jamo. */
function joinsPrevious(text: string, index: number): boolean {
  // Inline rather than the checked helper: this runs for every character normalised.
  const code = text.codePointAt(index);
  if (code === undefined || code < 0x300 || isSimpleCjk(code)) return false;
  return isConjoiningJamo(code) || remembered(markCache, code, testCombiningMark);
}

/** Hangul Jamo's vowels and final consonants (U+1160–U+11FF) and their extension (U+D7B0–U+D7FF). */
function isConjoiningJamo(codePoint: number): boolean {
  return (codePoint >= 0x1160 && codePoint <= 0x11ff) || (codePoint >= 0xd7b0 && codePoint <= 0xd7ff);
}

function codePointLength(text: string, index: number): number {
  return isInsideSurrogatePair(text, index + 1) ? 2 : 1;
}

function toSimplifiedChinese(folded: string): string {
  // OpenCC only changes CJK; skip it for text that has none (most English, all digits).
  for (let index = 0; index < folded.length; index++) {
    if (folded.charCodeAt(index) >= 0x2e80) return toSimplified(folded);
  }
  return folded;
}

interface Trace {
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly gaps: ReadonlySet<number>;
}

/**
 * Conversion keeps the length almost always (董事會 → 董事会), so positions carry over unit for unit. A phrase
 * that changes length (記憶體 → 内存) is rare: then each clause (a run between dropped separators) is converted
 * alone and, where its length changed, the characters before and after the phrase (those that convert alone to
 * what the clause gives) keep their own positions, and the phrase's are spread proportionally over it.
 */
function alignConversion(original: string, folded: string, trace: Trace): NormalizedText {
  const converted = toSimplifiedChinese(folded);
  if (converted.length === folded.length)
    return { text: converted, sourceStart: trace.start, sourceEnd: trace.end, gaps: trace.gaps };

  const clauses: (readonly [number, number])[] = [];
  let clauseStart = 0;
  for (const clauseEnd of [...[...trace.gaps].sort((a, b) => a - b), folded.length]) {
    clauses.push([clauseStart, clauseEnd]);
    clauseStart = clauseEnd;
  }
  const convertedClauses = clauses.map(([from, to]) => toSimplifiedChinese(folded.slice(from, to)));
  const byClause = convertedClauses.join("") === converted;
  const spans = byClause ? clauses : ([[0, folded.length]] as const);
  const outputs = byClause ? convertedClauses : [converted];

  const sourceStart = new Uint32Array(converted.length);
  const sourceEnd = new Uint32Array(converted.length);
  const gaps = new Set<number>();
  let written = 0;
  spans.forEach(([from, to], spanIndex) => {
    const output = outputs[spanIndex] ?? "";
    if (from > 0 && trace.gaps.has(from)) gaps.add(written);
    const source = folded.slice(from, to);
    // 記憶體很大 → 内存很大: 很大 converts alone to itself, so it keeps its place; 内存 spreads over 記憶體.
    const kept = output.length === source.length ? { head: 0, tail: 0 } : unchangedEdges(source, output);
    const spread = (unit: number, first: number, last: number): void => {
      sourceStart[written + unit] = trace.start[from + first] ?? 0;
      sourceEnd[written + unit] = trace.end[from + last] ?? original.length;
    };
    for (let unit = 0; unit < kept.head; unit++) spread(unit, unit, unit);
    for (let unit = 1; unit <= kept.tail; unit++)
      spread(output.length - unit, source.length - unit, source.length - unit);
    const middle = { out: output.length - kept.head - kept.tail, source: source.length - kept.head - kept.tail };
    for (let unit = 0; unit < middle.out; unit++) {
      // Unit `unit` of the phrase stands for its share of the phrase's source units: 記憶體 → 内 (記) 存 (憶體).
      const first = Math.floor((unit * middle.source) / middle.out);
      const last = Math.max(first, Math.floor(((unit + 1) * middle.source) / middle.out) - 1);
      spread(kept.head + unit, kept.head + first, kept.head + last);
    }
    written += output.length;
  });
  return { text: converted, sourceStart, sourceEnd, gaps };
}

/**
 * How many units at the start and at the end of a converted clause are its source's characters converted one by one
 * (記憶體很大 → 内存很大: none at the start, 很大 at the end), leaving at least one unit of each in the middle.
 */
function unchangedEdges(source: string, output: string): { head: number; tail: number } {
  const room = Math.min(source.length, output.length) - 1;
  const same = (sourceAt: number, outputAt: number): boolean => {
    const unit = source.charCodeAt(sourceAt);
    // A surrogate half is not a character: the edge stops there.
    return (unit < 0xd800 || unit > 0xdfff) && toSimplifiedChinese(source[sourceAt]!) === output[outputAt];
  };
  let head = 0;
  while (head < room && same(head, head)) head++;
  let tail = 0;
  while (head + tail < room && same(source.length - 1 - tail, output.length - 1 - tail)) tail++;
  return { head, tail };
}

/** True for Han, kana and Hangul: scripts written without spaces between words. */
function isCjkChar(char: string): boolean {
  return CJK.test(char);
}

/**
 * The words of a normalised query: split where whitespace or punctuation was dropped, and where Latin letters
 * or digits meet CJK (sam短信 is two words). Whitespace between CJK characters still splits words, but the
 * search also matches all words joined as one phrase, so `董事 会` finds 董事会 first.
 */
export function queryWords(query: string): string[] {
  const { text, gaps } = normalizeWithMap(query);
  const words: string[] = [];
  let wordStart = 0;
  for (let index = 1; index <= text.length; index++) {
    if (index === text.length || gaps.has(index) || isScriptChange(text, index)) {
      if (index > wordStart) words.push(text.slice(wordStart, index));
      wordStart = index;
    }
  }
  return words;
}

function isScriptChange(text: string, index: number): boolean {
  if (isInsideSurrogatePair(text, index)) return false;
  const after = String.fromCodePoint(codePointIn(text, index));
  return isCjkChar(charBefore(text, index)) !== isCjkChar(after);
}

function charBefore(text: string, index: number): string {
  return isInsideSurrogatePair(text, index - 1) ? text.slice(index - 2, index) : text.slice(index - 1, index);
}
