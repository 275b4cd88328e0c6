/** Small helpers for UTF-16 offsets and match ranges, shared by normalisation, matching, highlighting and snippets. */

/** Matches highlighted per term (or phrase, or reading) in one line. */
export const MAX_OCCURRENCES = 16;

/** True when `index` falls between the two halves of a surrogate pair, where text must never be cut. */
export function isInsideSurrogatePair(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const high = text.charCodeAt(index - 1);
  const low = text.charCodeAt(index);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** Ranges clamped to [0, length], empty ones dropped, sorted and merged where they touch or overlap. */
export function cleanRanges(ranges: readonly (readonly [number, number])[], length: number): [number, number][] {
  const clean: [number, number][] = [];
  for (const [start, end] of ranges) {
    const from = clamp(start, length);
    const to = clamp(end, length);
    if (from < to) clean.push([from, to]);
  }
  return sortAndMerge(clean);
}

/** Sorts non-empty ranges and merges those that touch or overlap, in place. */
export function sortAndMerge(ranges: [number, number][]): [number, number][] {
  if (!isSorted(ranges)) ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let kept = 0;
  for (const range of ranges) {
    const last = ranges[kept - 1];
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else ranges[kept++] = range;
  }
  ranges.length = kept;
  return ranges;
}

/** [start, end) of each occurrence of `word` in `text`, at most `max` of them. */
export function occurrences(text: string, word: string, max: number): [number, number][] {
  const found: [number, number][] = [];
  addOccurrences(found, text, word, max);
  return found;
}

/** Appends the occurrences of `word` in `text` to `ranges`, at most `max` of them; returns how many. */
export function addOccurrences(ranges: (readonly [number, number])[], text: string, word: string, max: number): number {
  let added = 0;
  if (word === "") return added;
  for (let at = text.indexOf(word); at !== -1 && added < max; at = text.indexOf(word, at + word.length)) {
    ranges.push([at, at + word.length]);
    added++;
  }
  return added;
}

function isSorted(ranges: readonly (readonly [number, number])[]): boolean {
  let previous: readonly [number, number] | undefined;
  for (const range of ranges) {
    if (previous !== undefined && (previous[0] > range[0] || (previous[0] === range[0] && previous[1] > range[1])))
      return false;
    previous = range;
  }
  return true;
}

/** `value` as an offset into a text this long: NaN is 0, and ±Infinity the end it points past. */
function clamp(value: number, length: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(length, Math.max(0, Math.floor(value)));
}
