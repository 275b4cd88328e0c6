/**
 * An inverted index from character bigrams of normalised lines to the lines holding them. It only narrows
 * candidates; callers verify and rank. Postings live in one typed array (outside the JS heap, compact), and
 * every lookup is bounded: it stops after a fixed number of postings, so no query scans every line.
 *
 * Over 300 lines because building and reading share one private layout (slots, postings, per-character slots);
 * split apart, that layout would have to become public.
 */
import { at, codePointIn } from "./checked.js";

/** Which lines a lookup may return: a contiguous range (one interview) and an optional filter (speaker). */
export interface LineScope {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
  readonly accepts?: ((line: number) => boolean) | undefined;
}

/** Most postings one lookup reads; keeps the worst query bounded at any corpus size. */
const MAX_POSTINGS_READ = 400_000;
/**
 * Lines holding every bigram that the scope's check then rejects (the bigrams are there, but not in a row, or
 * another speaker says them) before an all-bigrams lookup gives up: such lines can be the whole posting list.
 */
const MAX_REJECTED = 2_000;

// Two character ids below 2^15 make a small-integer key (fast Map access); larger ids get a separate range.
const SMALL_ID_LIMIT = 1 << 15;
const LARGE_KEY_BASE = 2 ** 30;
const CODE_POINT_LIMIT = 0x110000;

function bigramKey(first: number, second: number): number {
  return first < SMALL_ID_LIMIT && second < SMALL_ID_LIMIT
    ? first * SMALL_ID_LIMIT + second
    : LARGE_KEY_BASE + first * CODE_POINT_LIMIT + second;
}

/**
 * A built index as plain data: two small maps and typed arrays, so a worker thread can build it and post it
 * to the main thread (the arrays' buffers transferred, not copied). See `toData` / `fromData`.
 */
export interface GramIndexData {
  readonly charIds: ReadonlyMap<number, number>;
  readonly slotOfKey: ReadonlyMap<number, number>;
  readonly slotStart: Uint32Array;
  readonly postings: Uint32Array;
  readonly charSlotStart: Uint32Array;
  readonly charSlots: Uint32Array;
  readonly lineCount: number;
}

/** Id 0 stands for "end of line", so a one-character line still has a bigram and can be found. */
const END_OF_LINE = 0;

export class GramIndex {
  private constructor(
    private readonly charIds: ReadonlyMap<number, number>,
    private readonly slotOfKey: ReadonlyMap<number, number>,
    /** Postings of slot s: postings[slotStart[s] .. slotStart[s + 1]), ascending line numbers. */
    private readonly slotStart: Uint32Array,
    private readonly postings: Uint32Array,
    /** Slots of the bigrams containing char id c: charSlots[charSlotStart[c] .. charSlotStart[c + 1]). */
    private readonly charSlotStart: Uint32Array,
    private readonly charSlots: Uint32Array,
    private readonly lineCount: number,
  ) {}

  /** Scratch counters for `linesByOverlap`, one per line, all zero between calls. */
  private overlapCounts: Uint16Array | undefined;

  static build(texts: readonly string[]): GramIndex {
    const charIds = new Map<number, number>();
    const slotOfKey = new Map<number, number>();
    const slotChars: number[] = [];
    const slotCounts: number[] = [];
    const lastLineOfSlot: number[] = [];
    // Each line's distinct slots, kept between the counting and the filling pass.
    let lineSlots = new Uint32Array(1 << 16);
    let lineSlotCount = 0;
    const lineSlotEnd = new Uint32Array(texts.length);

    const idOf = (codePoint: number): number => {
      let id = charIds.get(codePoint);
      if (id === undefined) {
        id = charIds.size + 1;
        charIds.set(codePoint, id);
      }
      return id;
    };
    const addBigram = (line: number, first: number, second: number): void => {
      const key = bigramKey(first, second);
      let slot = slotOfKey.get(key);
      if (slot === undefined) {
        slot = slotCounts.length;
        slotOfKey.set(key, slot);
        slotCounts.push(0);
        lastLineOfSlot.push(-1);
        slotChars.push(first, second);
      }
      if (lastLineOfSlot[slot] === line) return;
      lastLineOfSlot[slot] = line;
      // Every slot starts at zero: pushed above.
      slotCounts[slot] = (slotCounts[slot] ?? 0) + 1;
      if (lineSlotCount === lineSlots.length) {
        const grown = new Uint32Array(lineSlots.length * 2);
        grown.set(lineSlots);
        lineSlots = grown;
      }
      lineSlots[lineSlotCount++] = slot;
    };

    texts.forEach((text, line) => {
      let previous = -1;
      for (let index = 0; index < text.length; index++) {
        const codePoint = codePointIn(text, index);
        if (codePoint > 0xffff) index++;
        const id = idOf(codePoint);
        if (previous !== -1) addBigram(line, previous, id);
        previous = id;
      }
      if (previous !== -1 && text.length <= 2 && [...text].length === 1) addBigram(line, previous, END_OF_LINE);
      lineSlotEnd[line] = lineSlotCount;
    });

    const slotStart = new Uint32Array(slotCounts.length + 1);
    // Plain loops, not forEach: a counter shared with a callback would live in a closure, slower on every posting.
    let postingTotal = 0;
    let slotEnd = 1;
    for (const count of slotCounts) {
      postingTotal += count;
      slotStart[slotEnd++] = postingTotal;
    }
    const postings = new Uint32Array(postingTotal);
    const cursor = slotStart.slice(0, slotCounts.length);
    let read = 0;
    for (let line = 0; line < texts.length; line++) {
      for (const end = at(lineSlotEnd, line); read < end; read++) {
        const slot = at(lineSlots, read);
        const position = at(cursor, slot);
        postings[position] = line;
        cursor[slot] = position + 1;
      }
    }

    const { start: charSlotStart, items: charSlots } = slotsByChar(Uint32Array.from(slotChars), charIds.size + 1);
    return new GramIndex(charIds, slotOfKey, slotStart, postings, charSlotStart, charSlots, texts.length);
  }

  static fromData(data: GramIndexData): GramIndex {
    return new GramIndex(
      data.charIds,
      data.slotOfKey,
      data.slotStart,
      data.postings,
      data.charSlotStart,
      data.charSlots,
      data.lineCount,
    );
  }

  toData(): GramIndexData {
    const { charIds, slotOfKey, slotStart, postings, charSlotStart, charSlots, lineCount } = this;
    return { charIds, slotOfKey, slotStart, postings, charSlotStart, charSlots, lineCount };
  }

  /** The slot of each distinct bigram of `text`, `undefined` for a bigram no line holds. */
  bigramSlots(text: string): (number | undefined)[] {
    return bigramsOf(text).map((bigram) => {
      const first = bigram.codePointAt(0);
      const second = first === undefined ? undefined : bigram.codePointAt(first > 0xffff ? 2 : 1);
      return first === undefined || second === undefined ? undefined : this.slotOf(first, second);
    });
  }

  private slotOf(firstCodePoint: number, secondCodePoint: number): number | undefined {
    const first = this.charIds.get(firstCodePoint);
    const second = this.charIds.get(secondCodePoint);
    if (first === undefined || second === undefined) return undefined;
    return this.slotOfKey.get(bigramKey(first, second));
  }

  /** Every character (code point) some line holds. */
  codePoints(): IterableIterator<number> {
    return this.charIds.keys();
  }

  /** Slots of every bigram first·second with first in `firsts` and second in `seconds` that some line holds. */
  slotsBetween(firsts: readonly number[], seconds: readonly number[]): number[] {
    const slots: number[] = [];
    for (const first of firsts) {
      for (const second of seconds) {
        const slot = this.slotOf(first, second);
        if (slot !== undefined) slots.push(slot);
      }
    }
    return slots;
  }

  /** Slots of the bigrams that contain this character, for one-character queries. */
  slotsWithChar(codePoint: number): number[] {
    const id = this.charIds.get(codePoint);
    if (id === undefined) return [];
    return Array.from(this.charSlots.subarray(at(this.charSlotStart, id), at(this.charSlotStart, id + 1)));
  }

  postingCount(slot: number): number {
    return at(this.slotStart, slot + 1) - at(this.slotStart, slot);
  }

  postingCountOf(slots: readonly number[]): number {
    return slots.reduce((sum, slot) => sum + this.postingCount(slot), 0);
  }

  private postingsOf(slot: number): Uint32Array {
    return this.postings.subarray(at(this.slotStart, slot), at(this.slotStart, slot + 1));
  }

  /** Lines (ascending) holding every one of `slots`, at most `cap` of them. */
  linesWithAll(slots: readonly number[], scope: LineScope, cap: number): number[] {
    const lists = slots.map((slot) => this.postingsOf(slot)).sort((a, b) => a.length - b.length);
    const shortest = lists[0];
    if (shortest === undefined) return [];
    // Each other list with where the walk through it has got to.
    const others = lists.slice(1).map((list) => ({ list, cursor: lowerBound(list, scope.from, 0) }));
    const found: number[] = [];
    let rejected = 0;
    const readLimit = Math.min(shortest.length, lowerBound(shortest, scope.from, 0) + MAX_POSTINGS_READ);
    for (let read = lowerBound(shortest, scope.from, 0); read < readLimit && found.length < cap; read++) {
      const line = at(shortest, read);
      if (line >= scope.to) break;
      let inAll = true;
      for (const other of others) {
        other.cursor = lowerBound(other.list, line, other.cursor);
        // Past the end the list reads undefined: the line is not in it.
        if (other.list[other.cursor] !== line) {
          inAll = false;
          break;
        }
      }
      if (!inAll) continue;
      if (scope.accepts === undefined || scope.accepts(line)) found.push(line);
      else if (++rejected >= MAX_REJECTED) break;
    }
    return found;
  }

  /** Lines holding any of `slots`, rarest slots first, each once, at most `cap` of them (in no particular order). */
  linesWithAny(slots: readonly number[], scope: LineScope, cap: number): number[] {
    const ordered = [...slots].sort((a, b) => this.postingCount(a) - this.postingCount(b));
    const seen = new Set<number>();
    this.walkPostings(ordered, scope, MAX_POSTINGS_READ, (line) => {
      if (scope.accepts === undefined || scope.accepts(line)) seen.add(line);
      return seen.size < cap;
    });
    return [...seen];
  }

  /**
   * Up to `max` lines holding the most of `slots`, most first, with how many each holds. Counting reads at most
   * `budget` postings (rarest slots first, if the caller sorted them so), so the work is bounded whatever the corpus.
   */
  linesByOverlap(
    slots: readonly number[],
    scope: LineScope,
    max: number,
    budget: number,
  ): { line: number; count: number }[] {
    this.overlapCounts ??= new Uint16Array(this.lineCount);
    const counts = this.overlapCounts;
    const touched: number[] = [];
    this.walkPostings(slots, scope, budget, (line) => {
      const count = at(counts, line);
      if (count === 0) touched.push(line);
      counts[line] = count + 1;
      return true;
    });
    // The lowest count that still keeps at most about `max` lines, found from a histogram instead of a full sort.
    const histogram = new Uint32Array(slots.length + 2);
    for (const line of touched) {
      const count = at(counts, line);
      histogram[count] = at(histogram, count) + 1;
    }
    let threshold = slots.length;
    for (let kept = histogram[threshold] ?? 0; threshold > 1 && kept < max;) kept += histogram[--threshold] ?? 0;
    const selected: { line: number; count: number }[] = [];
    let atThreshold = 0;
    for (const line of touched) {
      const count = at(counts, line);
      counts[line] = 0;
      if (count < threshold || (count === threshold && atThreshold >= max)) continue;
      if (scope.accepts !== undefined && !scope.accepts(line)) continue;
      if (count === threshold) atThreshold++;
      selected.push({ line, count });
    }
    return selected.sort((a, b) => b.count - a.count || a.line - b.line).slice(0, max);
  }

  /**
   * Calls `visit` with the lines of each slot's postings inside the scope's range, slot after slot, until it
   * returns false or `budget` postings have been read.
   */
  private walkPostings(
    slots: readonly number[],
    scope: LineScope,
    budget: number,
    visit: (line: number) => boolean,
  ): void {
    for (const slot of slots) {
      const list = this.postingsOf(slot);
      for (let read = lowerBound(list, scope.from, 0); read < list.length && budget > 0; read++, budget--) {
        const line = at(list, read);
        if (line >= scope.to) break;
        if (!visit(line)) return;
      }
    }
  }
}

/** Distinct bigrams of a text, as strings (a character may be a surrogate pair). */
export function bigramsOf(text: string): string[] {
  const bigrams = new Set<string>();
  let previous: string | undefined;
  for (const char of text) {
    if (previous !== undefined) bigrams.add(previous + char);
    previous = char;
  }
  return [...bigrams];
}

/** Compressed lists of the slots each character id takes part in. */
function slotsByChar(slotChars: Uint32Array, idCount: number): { start: Uint32Array; items: Uint32Array } {
  const start = new Uint32Array(idCount + 1);
  const slotTotal = slotChars.length / 2;
  // slotChars holds each slot's two ids in a row.
  const each = (visit: (id: number, slot: number) => void): void => {
    for (let slot = 0; slot < slotTotal; slot++) {
      const first = at(slotChars, slot * 2);
      const second = at(slotChars, slot * 2 + 1);
      visit(first, slot);
      if (second !== first && second !== END_OF_LINE) visit(second, slot);
    }
  };
  each((id) => (start[id + 1] = at(start, id + 1) + 1));
  for (let id = 0; id < idCount; id++) start[id + 1] = at(start, id + 1) + at(start, id);
  const items = new Uint32Array(at(start, idCount));
  const cursor = start.slice(0, idCount);
  each((id, slot) => {
    const position = at(cursor, id);
    items[position] = slot;
    cursor[id] = position + 1;
  });
  return { start, items };
}

/** First position at or after `from` in the ascending `list` whose value is ≥ `value` (galloping search). */
function lowerBound(list: Uint32Array, value: number, from: number): number {
  let low = from;
  let step = 1;
  let high = from;
  while (high < list.length && at(list, high) < value) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, list.length);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (at(list, middle) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A typo-tolerant match must share at least half the term's bigrams (one, for a two- or three-letter term). */
export function neededBigrams(bigramCount: number): number {
  return Math.max(1, Math.ceil(bigramCount / 2));
}

/** How many of the bigrams `text` holds; stops early, with a smaller count, once `need` is out of reach. */
export function sharedBigrams(bigrams: readonly string[], text: string, need = 0): number {
  let shared = 0;
  let index = 0;
  for (const bigram of bigrams) {
    if (text.includes(bigram)) shared++;
    else if (shared + bigrams.length - index - 1 < need) return shared;
    index++;
  }
  return shared;
}
