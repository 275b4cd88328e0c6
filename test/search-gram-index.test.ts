// The bigram index (src/search/gram-index.ts): which lines hold which character pairs, each lookup bounded by its
// cap and scope. Built over a handful of lines inside each test.
import { describe, expect, it } from "vitest";
import { bigramsOf, GramIndex, neededBigrams, sharedBigrams, type LineScope } from "../src/search/gram-index.js";

const LINES = [
  "董事会开会", // 0
  "董事会", // 1
  "我们开会", // 2
  "董事长", // 3
  "会会会", // 4
  "钱", // 5
  "开会董事会", // 6
];
const everywhere: LineScope = { from: 0, to: LINES.length };

/** The one slot of a two-character text. */
function slotOf(index: GramIndex, bigram: string): number {
  const [slot, ...more] = index.bigramSlots(bigram);
  if (slot === undefined || more.length > 0) throw new Error(`${bigram} is not one held bigram`);
  return slot;
}

/** Lines holding every bigram of `text`. */
function withAll(index: GramIndex, text: string, scope = everywhere, cap = 100): number[] {
  return index.linesWithAll(index.bigramSlots(text) as number[], scope, cap);
}

describe("GramIndex lookups", () => {
  it("finds the lines holding every bigram of a word, in line order", () => {
    const index = GramIndex.build(LINES);
    expect(withAll(index, "董事会")).toEqual([0, 1, 6]);
    expect(withAll(index, "开会")).toEqual([0, 2, 6]);
    expect(withAll(index, "董事")).toEqual([0, 1, 3, 6]);
    // 会会 twice in line 4, counted once.
    expect(withAll(index, "会会")).toEqual([4]);
    // Every bigram, not only the rarest: 理事会 has 事会 but not 董事.
    const board = GramIndex.build(["理事会", "董事会", "董事长", "理事会议"]);
    expect(withAll(board, "董事会", { from: 0, to: 4 })).toEqual([1]);
    expect(withAll(board, "理事会议", { from: 0, to: 4 })).toEqual([3]);
    expect(index.postingCount(slotOf(index, "会会"))).toBe(1);
  });

  it("knows no slot for a bigram no line holds, nor for characters it has never seen", () => {
    const index = GramIndex.build(LINES);
    expect(index.bigramSlots("事开")).toEqual([undefined]);
    expect(index.bigramSlots("会董")).toEqual([expect.any(Number)]);
    expect(index.bigramSlots("猫狗")).toEqual([undefined]);
    expect(index.bigramSlots("董猫")).toEqual([undefined]);
    expect(index.bigramSlots("董事会董事").length).toBe(3);
    expect(index.bigramSlots("董")).toEqual([]);
  });

  it("stops at the cap, keeps to the scope's lines and asks the scope's filter", () => {
    const index = GramIndex.build(LINES);
    expect(withAll(index, "董事", everywhere, 2)).toEqual([0, 1]);
    expect(withAll(index, "董事", { from: 1, to: 6 })).toEqual([1, 3]);
    expect(withAll(index, "董事", { from: 1, to: 7 })).toEqual([1, 3, 6]);
    expect(withAll(index, "董事", { from: 0, to: 1 })).toEqual([0]);
    expect(withAll(index, "董事", { ...everywhere, accepts: (line) => line % 2 === 1 })).toEqual([1, 3]);
    expect(withAll(index, "董事会", { from: 2, to: 6 })).toEqual([]);
    expect(index.linesWithAll([], everywhere, 10)).toEqual([]);
  });

  it("counts each slot's lines, and the lines of several slots together", () => {
    const index = GramIndex.build(LINES);
    const slots = ["董事", "事会", "事长"].map((bigram) => slotOf(index, bigram));
    expect(slots.map((slot) => index.postingCount(slot))).toEqual([4, 3, 1]);
    expect(index.postingCountOf(slots)).toBe(8);
    expect(index.postingCountOf([])).toBe(0);
  });

  it("finds a line of one character, and the bigrams holding a character", () => {
    const index = GramIndex.build(LINES);
    const money = index.slotsWithChar("钱".codePointAt(0)!);
    expect(money).toHaveLength(1);
    expect(index.linesWithAny(money, everywhere, 10)).toEqual([5]);
    // 长 is in 事长 only; 事 in 董事, 事会 and 事长.
    expect(index.linesWithAny(index.slotsWithChar("长".codePointAt(0)!), everywhere, 10)).toEqual([3]);
    expect(index.slotsWithChar("事".codePointAt(0)!).sort()).toEqual(
      ["董事", "事会", "事长"].map((bigram) => slotOf(index, bigram)).sort(),
    );
    // 会会: a bigram of one character twice is listed once for it.
    const meeting = index.slotsWithChar("会".codePointAt(0)!);
    expect(new Set(meeting).size).toBe(meeting.length);
    expect(meeting).toContain(slotOf(index, "会会"));
    expect(index.slotsWithChar("猫".codePointAt(0)!)).toEqual([]);
  });

  it("finds lines holding any of several slots, each once, up to the cap and within the scope", () => {
    const index = GramIndex.build(LINES);
    const slots = ["事长", "们开", "董事"].map((bigram) => slotOf(index, bigram));
    expect(index.linesWithAny(slots, everywhere, 10).sort()).toEqual([0, 1, 2, 3, 6]);
    expect(index.linesWithAny(slots, everywhere, 2)).toHaveLength(2);
    // The rarest slots are read first: with a cap of two, the lines only 事长 and 们开 hold.
    expect(index.linesWithAny(slots, everywhere, 2).sort()).toEqual([2, 3]);
    expect(index.linesWithAny(slots, { from: 3, to: 7 }, 10).sort()).toEqual([3, 6]);
    expect(index.linesWithAny(slots, { ...everywhere, accepts: (line) => line !== 3 }, 10).sort()).toEqual([
      0, 1, 2, 6,
    ]);
  });

  it("ranks lines by how many of the slots they hold, most first, then in line order", () => {
    const index = GramIndex.build(LINES);
    const slots = ["董事", "事会", "开会", "我们"].map((bigram) => slotOf(index, bigram));
    expect(index.linesByOverlap(slots, everywhere, 10, 1000)).toEqual([
      { line: 0, count: 3 },
      { line: 6, count: 3 },
      { line: 1, count: 2 },
      { line: 2, count: 2 },
      { line: 3, count: 1 },
    ]);
    expect(index.linesByOverlap(slots, everywhere, 3, 1000)).toEqual([
      { line: 0, count: 3 },
      { line: 6, count: 3 },
      { line: 1, count: 2 },
    ]);
    expect(index.linesByOverlap(slots, { from: 1, to: 6 }, 10, 1000)).toEqual([
      { line: 1, count: 2 },
      { line: 2, count: 2 },
      { line: 3, count: 1 },
    ]);
    expect(index.linesByOverlap(slots, { ...everywhere, accepts: (line) => line !== 0 }, 2, 1000)).toEqual([
      { line: 6, count: 3 },
    ]);
    // Asked twice, the same answer: the counts start from zero each time.
    expect(index.linesByOverlap(slots, everywhere, 2, 1000)).toEqual(index.linesByOverlap(slots, everywhere, 2, 1000));
  });

  it("reads no more postings than its budget", () => {
    const index = GramIndex.build(LINES);
    const slots = ["事长", "董事"].map((bigram) => slotOf(index, bigram));
    // 事长's one posting (line 3), then 董事's (lines 0, 1, 3 and 6) as far as the budget goes.
    expect(index.linesByOverlap(slots, everywhere, 10, 3)).toEqual([
      { line: 0, count: 1 },
      { line: 1, count: 1 },
      { line: 3, count: 1 },
    ]);
    expect(index.linesByOverlap(slots, everywhere, 10, 4)).toEqual([
      { line: 3, count: 2 },
      { line: 0, count: 1 },
      { line: 1, count: 1 },
    ]);
    expect(index.linesByOverlap(slots, everywhere, 10, 0)).toEqual([]);
  });

  it("lists every character some line holds", () => {
    const index = GramIndex.build(LINES);
    expect(new Set(index.codePoints())).toEqual(new Set([...LINES.join("")].map((char) => char.codePointAt(0))));
  });

  it("finds the bigrams between any of some characters and any of others", () => {
    const index = GramIndex.build(LINES);
    const codes = (chars: string) => [...chars].map((char) => char.codePointAt(0)!);
    const slots = index.slotsBetween(codes("董开猫"), codes("事会"));
    expect(slots.sort()).toEqual([slotOf(index, "董事"), slotOf(index, "开会")].sort());
    expect(index.slotsBetween(codes("猫"), codes("事"))).toEqual([]);
  });
});

describe("GramIndex over unusual text", () => {
  it("reads a character outside the Basic Multilingual Plane as one character", () => {
    const index = GramIndex.build(["😀𠀀x", "a😀", "𠀀", "x😀𠀀"]);
    expect(withAll(index, "😀𠀀")).toEqual([0, 3]);
    expect(withAll(index, "a😀")).toEqual([1]);
    expect(index.linesWithAny(index.slotsWithChar("𠀀".codePointAt(0)!), { from: 0, to: 4 }, 10).sort()).toEqual([
      0, 2, 3,
    ]);
    expect(index.bigramSlots("😀")).toEqual([]);
    expect(new Set(index.codePoints())).toEqual(new Set([..."😀𠀀xa"].map((char) => char.codePointAt(0))));
  });

  it("keeps more than 2^15 distinct characters apart, and lines of any length", () => {
    // One line of 70,000 distinct characters, each beside the next; two short lines of the first and the last.
    const many = Array.from({ length: 70_000 }, (_, index) => String.fromCodePoint(0x20000 + index)).join("");
    const chars = [...many];
    const [first, second, last] = [chars[0]!, chars[1]!, chars[69_999]!];
    const index = GramIndex.build([many, first + last, second + last]);
    const scope = { from: 0, to: 3 };
    expect(withAll(index, first + second, scope)).toEqual([0]);
    expect(withAll(index, chars[69_998]! + last, scope)).toEqual([0]);
    expect(withAll(index, first + last, scope)).toEqual([1]);
    expect(withAll(index, second + last, scope)).toEqual([2]);
    expect(index.bigramSlots(last + first)).toEqual([undefined]);
    // Character ids 2 and 7,232 would share a key with ids 1 and 40,000 if large ids were keyed like small ones.
    const wide = GramIndex.build([many.slice(0, 2 * 40_000), chars[0]! + chars[39_999]!]);
    expect(wide.bigramSlots(chars[1]! + chars[7_231]!)).toEqual([undefined]);
  });

  it("indexes no bigram for an empty line, and still numbers the lines after it", () => {
    const index = GramIndex.build(["", "ab", "", "b"]);
    expect(withAll(index, "ab", { from: 0, to: 4 })).toEqual([1]);
    expect(index.linesWithAny(index.slotsWithChar("b".codePointAt(0)!), { from: 0, to: 4 }, 10).sort()).toEqual([1, 3]);
  });

  it("gives up a lookup after 2,000 lines its scope rejects", () => {
    // 2,002 lines hold the word; the scope accepts only the last ones.
    const index = GramIndex.build(Array.from({ length: 2002 }, () => "董事会"));
    const from = (first: number): LineScope => ({ from: 0, to: 2002, accepts: (line) => line >= first });
    expect(withAll(index, "董事会", from(1999))).toEqual([1999, 2000, 2001]);
    expect(withAll(index, "董事会", from(2000))).toEqual([]);
  });

  it("works the same rebuilt from its data", () => {
    const built = GramIndex.build(LINES);
    const rebuilt = GramIndex.fromData(built.toData());
    for (const word of ["董事会", "开会", "会会"]) expect(withAll(rebuilt, word)).toEqual(withAll(built, word));
    expect(rebuilt.slotsWithChar("钱".codePointAt(0)!)).toEqual(built.slotsWithChar("钱".codePointAt(0)!));
    const slots = rebuilt.bigramSlots("董事会") as number[];
    expect(rebuilt.linesByOverlap(slots, everywhere, 10, 100)).toEqual(
      built.linesByOverlap(slots, everywhere, 10, 100),
    );
  });
});

describe("bigram helpers", () => {
  it("lists a text's distinct bigrams, a surrogate pair being one character", () => {
    expect(bigramsOf("董事会")).toEqual(["董事", "事会"]);
    expect(bigramsOf("aaaa")).toEqual(["aa"]);
    expect(bigramsOf("a😀b")).toEqual(["a😀", "😀b"]);
    expect(bigramsOf("a")).toEqual([]);
    expect(bigramsOf("")).toEqual([]);
  });

  it("needs half of a term's bigrams for a typo match, at least one", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(neededBigrams)).toEqual([1, 1, 1, 2, 2, 3, 5]);
  });

  it("counts the bigrams a text holds, stopping once the needed count is out of reach", () => {
    const bigrams = bigramsOf("openai"); // op pe en na ai
    expect(sharedBigrams(bigrams, "openal")).toBe(4);
    expect(sharedBigrams(bigrams, "xxxxai")).toBe(1);
    expect(sharedBigrams(bigrams, "")).toBe(0);
    // Out of reach: what it has counted so far, less than needed.
    expect(sharedBigrams(bigrams, "opxxxx", 3)).toBeLessThan(3);
    expect(sharedBigrams(bigrams, "xxxxxxxxai", 2)).toBeLessThan(2);
    // Within reach until the end: the full count.
    expect(sharedBigrams(bigrams, "xpenai", 4)).toBe(4);
    expect(sharedBigrams(bigrams, "opxnai", 3)).toBe(3);
  });
});
