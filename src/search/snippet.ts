/** Cutting a line down to a window around its first match, for replies and autocomplete choices. */
import { cleanRanges, isInsideSurrogatePair } from "./ranges.js";
import type { MatchRange } from "./types.js";

export interface Snippet {
  readonly text: string;
  /** The match ranges, shifted into `text` and clipped to what it shows. */
  readonly ranges: MatchRange[];
}

export const ELLIPSIS = "…";

/**
 * A window of `text` around the first range, at most `maxLength` UTF-16 units long (as Discord counts),
 * with `…` where it was cut. Never splits a surrogate pair. About a third of the spare room goes before the
 * match, so it reads in context.
 */
export function snippetAround(text: string, ranges: readonly MatchRange[], maxLength: number): Snippet {
  const limit = Number.isFinite(maxLength) ? Math.max(0, Math.floor(maxLength)) : 0;
  const clean = cleanRanges(ranges, text.length);
  if (text.length <= limit) return { text, ranges: clean.map(([start, end]) => [start, end] as const) };
  if (limit === 0) return { text: "", ranges: [] };

  const [focusStart, focusEnd] = clean[0] ?? [0, 0];
  const spare = limit - 2 - (focusEnd - focusStart);
  let start = limit < 3 ? 0 : Math.max(0, focusStart - Math.max(0, Math.floor(spare / 3)));
  // Cutting a single unit to put an ellipsis in its place gains nothing.
  if (start === 1) start = 0;
  let end: number;
  if (start + limit - (start > 0 ? 1 : 0) >= text.length) {
    // The window reaches the end: use the room before instead.
    end = text.length;
    start = text.length - (limit - 1);
  } else {
    end = start + limit - (start > 0 ? 1 : 0) - 1;
  }
  if (isInsideSurrogatePair(text, start)) start++;
  if (isInsideSurrogatePair(text, end)) end--;

  const prefix = start > 0 ? ELLIPSIS : "";
  const suffix = end < text.length ? ELLIPSIS : "";
  const shift = prefix.length - start;
  const shown: MatchRange[] = [];
  for (const [rangeStart, rangeEnd] of clean) {
    const from = Math.max(rangeStart, start);
    const to = Math.min(rangeEnd, end);
    if (from < to) shown.push([from + shift, to + shift]);
  }
  return { text: prefix + text.slice(start, end) + suffix, ranges: shown };
}
