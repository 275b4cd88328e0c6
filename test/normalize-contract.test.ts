/** normalize's exact contract at its edges: the ASCII fast path's bounds, the offset map, ranges mapped back, query words. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalize, normalizeWithMap, queryWords, toOriginalRanges, wordGapsOf } from "../src/search/normalize.js";

/** What normalisation does to ASCII, written plainly: letters lower-cased, digits kept, everything else dropped. */
function asciiReference(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

describe("normalize on ASCII", () => {
  it("keeps digits and letters, lower-cases capitals, and drops their neighbours in the code table", () => {
    expect(normalize("/09:@AZ[`az{")).toBe("09azaz");
    expect(normalize("Hello, World! 2024")).toBe("helloworld2024");
  });

  it("agrees with the plain rule on any ASCII text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) }), (text) => {
        expect(normalize(text)).toBe(asciiReference(text));
      }),
    );
  });

  it("keeps the common CJK ideographs at both ends of their block as they are", () => {
    expect(normalize("\u4e00\u9fff")).toBe("\u4e00\u9fff");
  });
});

describe("normalizeWithMap", () => {
  it("says where each unit came from, and where words were cut apart", () => {
    const { text, sourceStart, sourceEnd, gaps } = normalizeWithMap("Ａb, c");
    expect(text).toBe("abc");
    expect([...sourceStart.slice(0, 3)]).toEqual([0, 1, 4]);
    expect([...sourceEnd.slice(0, 3)]).toEqual([1, 2, 5]);
    expect([...gaps]).toEqual([2]);
  });
});

describe("characters written in parts (NFD)", () => {
  it("composes a letter and its combining marks, after ASCII too, and Hangul jamo into syllables", () => {
    expect(normalize("Cafe\u0301")).toBe(normalize("Café"));
    expect(normalize("Cafe\u0301")).toBe("caf\u00e9");
    expect(normalize("한국".normalize("NFD"))).toBe("한국");
    const { text, sourceStart, sourceEnd } = normalizeWithMap("e\u0301a");
    expect(text).toBe("\u00e9a");
    expect([...sourceStart.slice(0, 2)]).toEqual([0, 2]);
    expect([...sourceEnd.slice(0, 2)]).toEqual([2, 3]);
  });
});

describe("invisible characters and dotted capital I", () => {
  it("leave a word whole when they stand inside it (soft hyphen, joiners); a zero-width space still cuts", () => {
    expect(normalizeWithMap("co\u00adoperative").text).toBe("cooperative");
    expect([...normalizeWithMap("co\u00adoperative").gaps]).toEqual([]);
    expect([...normalizeWithMap("a\u200db\u2060c\ufeffd").gaps]).toEqual([]);
    expect([...normalizeWithMap("zero\u200bwidth").gaps]).toEqual([4]);
  });

  it("lower İ to a plain i, as Turkic case folding does", () => {
    expect(normalize("İstanbul")).toBe("istanbul");
  });
});

describe("word gaps", () => {
  it("come after any dropped character, ASCII or not, but never before the first kept one", () => {
    expect([...normalizeWithMap("你好，世界").gaps]).toEqual([2]);
    expect([...normalizeWithMap("「你好」 世界").gaps]).toEqual([2]);
    expect([...normalizeWithMap("  ，ab").gaps]).toEqual([]);
    expect([...normalizeWithMap("ab  ").gaps]).toEqual([]);
  });

  it("stand where the conversion put the words when it changed the length", () => {
    const text = "記憶體 ab cd";
    expect(normalize(text)).toBe("内存abcd");
    expect([...wordGapsOf(text, normalize(text))]).toEqual([2, 4]);
    expect([...wordGapsOf("ab cd", "abcd")]).toEqual([2]);
  });
});

describe("a conversion that changes the length (記憶體 → 内存)", () => {
  it("maps the converted word back onto the whole original, clause by clause", () => {
    const whole = "記憶體";
    expect(normalize(whole)).toBe("内存");
    expect(toOriginalRanges(whole, "内存", [[0, 2]])).toEqual([[0, 3]]);
    expect(toOriginalRanges(whole, "内存", [[1, 2]])).toEqual([[1, 3]]);
    const spaced = "你好 記憶體";
    expect(normalizeWithMap(spaced)).toMatchObject({ text: "你好内存", gaps: new Set([2]) });
    expect(toOriginalRanges(spaced, "你好内存", [[2, 4]])).toEqual([[3, 6]]);
    // Each clause converts alone: 軟體 → 软件 keeps its positions, 記憶體 → 内存 spreads over its own.
    const two = "軟體，記憶體";
    expect(normalize(two)).toBe("软件内存");
    expect(toOriginalRanges(two, "软件内存", [[0, 2]])).toEqual([[0, 2]]);
    expect(toOriginalRanges(two, "软件内存", [[2, 4]])).toEqual([[3, 6]]);
  });

  it("keeps the characters around the phrase in their own places (記憶體很大: 很 is 很, not 體)", () => {
    const text = "好的記憶體很大";
    expect(normalize(text)).toBe("好的内存很大");
    expect(toOriginalRanges(text, "好的内存很大", [[4, 5]])).toEqual([[5, 6]]);
    expect(toOriginalRanges(text, "好的内存很大", [[1, 2]])).toEqual([[1, 2]]);
    expect(toOriginalRanges(text, "好的内存很大", [[2, 4]])).toEqual([[2, 5]]);
    expect(toOriginalRanges(text, "好的内存很大", [[3, 6]])).toEqual([[3, 7]]);
  });
});

describe("toOriginalRanges", () => {
  it("maps ranges of the normalised text back to the original, sorted; a range spans what was dropped inside it", () => {
    const original = "Ａb, c d";
    const normalized = normalize(original);
    expect(normalized).toBe("abcd");
    expect(
      toOriginalRanges(original, normalized, [
        [3, 4],
        [0, 2],
        [2, 3],
      ]),
    ).toEqual([
      [0, 2],
      [4, 5],
      [6, 7],
    ]);
    expect(toOriginalRanges(original, normalized, [[0, 4]])).toEqual([[0, 7]]);
  });

  it("skips ranges that are empty, reversed or outside the normalised text", () => {
    const original = "Ａb, c d";
    const normalized = normalize(original);
    const odd: [number, number][] = [
      [-1, 1],
      [1, 1],
      [2, 1],
      [3, 5],
    ];
    expect(toOriginalRanges(original, normalized, odd)).toEqual([]);
    expect(toOriginalRanges(original, normalized, [])).toEqual([]);
  });

  it("maps through a conversion that changed the length", () => {
    const original = "一條簡訊";
    const normalized = normalize(original);
    expect(normalized).toBe("一条短信");
    expect(toOriginalRanges(original, normalized, [[2, 4]])).toEqual([[2, 4]]);
  });
});

describe("queryWords", () => {
  it("cuts at dropped characters and where the script changes between CJK and the rest", () => {
    expect(queryWords("Sam 短信abc, GPT-4")).toEqual(["sam", "短信", "abc", "gpt", "4"]);
    expect(queryWords("a𠀀b")).toEqual(["a", "𠀀", "b"]);
    expect(queryWords("𠀀𠀁")).toEqual(["𠀀𠀁"]);
    expect(queryWords("  ")).toEqual([]);
  });
});
