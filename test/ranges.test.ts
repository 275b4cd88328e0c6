/** The UTF-16 range helpers under highlighting, snippets and normalisation: their exact contracts. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addOccurrences, cleanRanges, isInsideSurrogatePair, occurrences, sortAndMerge } from "../src/search/ranges.js";

/** Ranges written `start-end`, space-separated: "1-2 4-6". */
function ranges(written: string): [number, number][] {
  if (written === "") return [];
  return written.split(" ").map((range): [number, number] => {
    const [start, end] = range.split("-").map(Number);
    return [start ?? Number.NaN, end ?? Number.NaN];
  });
}

/** Ranges in the notation above. */
function written(list: readonly (readonly [number, number])[]): string {
  return list.map(([start, end]) => `${start}-${end}`).join(" ");
}

function merged(input: string): string {
  return written(sortAndMerge(ranges(input)));
}

/** Merged ranges the slow way: mark every covered unit, then read off the runs of marked units. */
function coveredRuns(list: readonly (readonly [number, number])[], length: number): [number, number][] {
  const covered = new Array<boolean>(length).fill(false);
  for (const [start, end] of list) for (let i = start; i < end; i++) covered[i] = true;
  const runs: [number, number][] = [];
  for (let i = 0; i < length; i++) {
    if (!covered[i]) continue;
    const last = runs.at(-1);
    if (last?.[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs;
}

describe("isInsideSurrogatePair", () => {
  it("is true only between the two halves of a pair", () => {
    const text = "a😀b";
    expect([0, 1, 2, 3, 4].map((i) => isInsideSurrogatePair(text, i))).toEqual([false, false, true, false, false]);
  });

  it("accepts the first and last code units of both halves' ranges", () => {
    expect(isInsideSurrogatePair("\uD800\uDC00", 1)).toBe(true);
    expect(isInsideSurrogatePair("\uDBFF\uDFFF", 1)).toBe(true);
    expect(isInsideSurrogatePair("\uD800\uDFFF", 1)).toBe(true);
    expect(isInsideSurrogatePair("\uDBFF\uDC00", 1)).toBe(true);
  });

  it("is false when either side is just outside its half's range", () => {
    expect(isInsideSurrogatePair("\uD7FF\uDC00", 1)).toBe(false); // below the high half
    expect(isInsideSurrogatePair("\uDC00\uDC00", 1)).toBe(false); // a low half first
    expect(isInsideSurrogatePair("\uD800\uDBFF", 1)).toBe(false); // a high half second
    expect(isInsideSurrogatePair("\uD800\uE000", 1)).toBe(false); // above the low half
    expect(isInsideSurrogatePair("\uD800a", 1)).toBe(false); // a lone high half
    expect(isInsideSurrogatePair("a\uDC00", 1)).toBe(false); // a lone low half
  });

  it("is false at and beyond either end of the text", () => {
    for (const index of [-1, 0, 2, 3]) expect(isInsideSurrogatePair("😀", index)).toBe(false);
    expect(isInsideSurrogatePair("", 0)).toBe(false);
  });
});

describe("sortAndMerge", () => {
  it("merges ranges that touch, as well as ranges that overlap", () => {
    expect(merged("1-2 2-3")).toBe("1-3");
    expect(merged("1-4 3-6")).toBe("1-6");
    expect(merged("1-2 3-4")).toBe("1-2 3-4");
  });

  it("keeps the end of a range that contains the next one", () => {
    expect(merged("1-9 2-3")).toBe("1-9");
    expect(merged("1-9 2-3 5-12")).toBe("1-12");
  });

  it("sorts by start, whatever the order of the ends", () => {
    expect(merged("5-6 1-10")).toBe("1-10");
    expect(merged("7-8 1-2 4-5")).toBe("1-2 4-5 7-8");
    expect(merged("3-4 0-1")).toBe("0-1 3-4");
  });

  it("works in place and returns the array it was given, cut to the merged ranges", () => {
    const list = ranges("4-6 0-2 1-3 5-8");
    expect(sortAndMerge(list)).toBe(list);
    expect(written(list)).toBe("0-3 4-8");
  });

  it("leaves an empty list empty", () => {
    expect(merged("")).toBe("");
  });

  it("covers exactly the units its input covers, in sorted ranges that neither touch nor overlap", () => {
    const range = fc
      .tuple(fc.nat({ max: 40 }), fc.integer({ min: 1, max: 8 }))
      .map(([start, size]): [number, number] => [start, start + size]);
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), (list) => {
        const expected = coveredRuns(list, 48);
        expect(sortAndMerge(list.map(([start, end]): [number, number] => [start, end]))).toEqual(expected);
      }),
    );
  });
});

describe("cleanRanges", () => {
  const clean = (input: readonly (readonly [number, number])[], length: number): string =>
    written(cleanRanges(input, length));

  it("clamps ranges to the text, floors fractional offsets, and drops the empty ones", () => {
    expect(clean([[-3, 2]], 5)).toBe("0-2");
    expect(clean([[3, 99]], 5)).toBe("3-5");
    expect(clean([[1.5, 3.7]], 5)).toBe("1-3");
    expect(clean([[2, 2]], 5)).toBe("");
    expect(clean([[4, 1]], 5)).toBe("");
    expect(clean([[6, 9]], 5)).toBe("");
    expect(clean([[-5, -1]], 5)).toBe("");
  });

  it("reads a start that is not a finite number as 0", () => {
    expect(clean([[Number.NaN, 3]], 5)).toBe("0-3");
    expect(clean([[Number.NEGATIVE_INFINITY, 2]], 5)).toBe("0-2");
  });

  it("reads an end of +Infinity as the end of the text, not as nothing", () => {
    expect(clean([[1, Number.POSITIVE_INFINITY]], 5)).toBe("1-5");
  });

  it("sorts and merges what is left, without changing its input", () => {
    const input = ranges("3-5 0-2 2-3 7-7");
    expect(clean(input, 10)).toBe("0-5");
    expect(written(input)).toBe("3-5 0-2 2-3 7-7");
  });
});

describe("occurrences and addOccurrences", () => {
  it("finds every occurrence, without overlaps, from left to right", () => {
    expect(written(occurrences("abcabc", "bc", 16))).toBe("1-3 4-6");
    expect(written(occurrences("aaaaa", "aa", 16))).toBe("0-2 2-4");
    expect(written(occurrences("abc", "x", 16))).toBe("");
  });

  it("stops at the limit", () => {
    expect(written(occurrences("aaaa", "a", 2))).toBe("0-1 1-2");
    expect(written(occurrences("aaaa", "a", 0))).toBe("");
  });

  it("finds nothing for an empty word", () => {
    expect(written(occurrences("abc", "", 16))).toBe("");
  });

  it("appends to the ranges it is given and returns how many it added", () => {
    const list = ranges("9-10");
    expect(addOccurrences(list, "xax", "x", 16)).toBe(2);
    expect(written(list)).toBe("9-10 0-1 2-3");
    expect(addOccurrences(list, "abc", "", 16)).toBe(0);
    expect(addOccurrences(list, "aaa", "a", 1)).toBe(1);
    expect(written(list)).toBe("9-10 0-1 2-3 0-1");
  });
});
