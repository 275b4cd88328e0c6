// Gathering candidates (src/search/candidates.ts): which lines a query hands to the ranking — the phrase and
// every term first, and only while those leave the page short, lines with a typo, a pinyin reading or a homophone.
import { beforeEach, describe, expect, it } from "vitest";
import { estimatedLines, exactLines, gatherCandidates, type Candidates } from "../src/search/candidates.js";
import type { IndexedLines } from "../src/search/index-data.js";
import type { LineScope } from "../src/search/gram-index.js";
import { everywhereIn, indexedLines, planOf } from "./search-lines.js";

function gather(lines: IndexedLines, query: string, limit = 10, scope = everywhereIn(lines)): Candidates {
  return gatherCandidates(lines, planOf(lines, query), scope, limit);
}

/** The candidate lines, in line order. */
function linesOf({ candidates }: Candidates): number[] {
  return [...candidates.keys()].sort((a, b) => a - b);
}

describe("gatherCandidates", () => {
  let lines: IndexedLines;
  beforeEach(() => {
    lines = indexedLines(
      "董事会开会了", // 0
      "我们收到了短信", // 1
      "董事会发了短信", // 2
      "董事长来了", // 3 — 董事会 with a typo
      "他是理事会的人", // 4 — 董事会 with another
      "今天天气很好", // 5
      "董事会", // 6
      "阴谋论不可信", // 7
    );
  });

  it("hands over the lines holding the phrase, and no typo of it when they fill the page", () => {
    const found = gather(lines, "董事会", 3);
    expect(linesOf(found)).toEqual([0, 2, 6]);
    expect(found.rareTerms).toEqual([]);
  });

  it("adds lines that may hold a term with a typo when the phrase is too rare to fill the page", () => {
    const found = gather(lines, "董事会", 4);
    expect(linesOf(found)).toEqual([0, 2, 3, 4, 6]);
    expect(found.rareTerms).toEqual([true]);
    // No line sharing no bigram with it.
    expect(found.candidates.has(5)).toBe(false);
  });

  it("gathers lines holding every term, then each term, and looks for typos of the terms too rare alone", () => {
    const found = gather(lines, "短信 董事会", 3);
    // 董事会 is in three lines (enough for a page of three), 短信 in two (too rare).
    expect(found.rareTerms).toEqual([true, false]);
    expect(linesOf(found)).toEqual([0, 1, 2, 6]);
  });

  it("stops after the lines holding every term when those fill the page", () => {
    const found = gather(lines, "短信 董事会", 1);
    expect(linesOf(found)).toEqual([2]);
    expect(found.rareTerms).toEqual([]);
  });

  it("keeps to the scope", () => {
    const firstHalf: LineScope = { from: 0, to: 4 };
    expect(linesOf(gather(lines, "董事会", 10, firstHalf))).toEqual([0, 2, 3]);
    const noThree: LineScope = { ...everywhereIn(lines), accepts: (line) => line !== 3 };
    expect(linesOf(gather(lines, "董事会", 10, noThree))).toEqual([0, 2, 4, 6]);
  });

  it("marks where a pinyin query's reading stands", () => {
    const found = gather(lines, "dongshihui", 10);
    expect(linesOf(found)).toEqual([0, 2, 6]);
    expect(found.candidates.get(0)?.pinyinRanges).toEqual([[0, 3]]);
    expect(found.candidates.get(6)?.pinyinRanges).toEqual([[0, 3]]);
  });

  it("marks where a homophone of a Chinese term stands (阴谋轮 → 阴谋论)", () => {
    const found = gather(lines, "阴谋轮", 10);
    expect(found.rareTerms).toEqual([true]);
    expect(found.candidates.get(7)?.homophoneRanges).toEqual(new Map([[0, [[0, 3]]]]));
    expect(found.candidates.get(0)?.homophoneRanges).toBeUndefined();
  });

  it("looks for homophones only of Chinese terms of two characters or more", () => {
    const more = indexedLines("钱", "前面", "阴谋论");
    // One character: no homophone reading (钱 ~ 前).
    expect(gather(more, "潜").candidates.size).toBe(0);
    expect(gather(more, "阴谋轮").candidates.get(2)?.homophoneRanges?.has(0)).toBe(true);
  });

  it("treats a long run of Chinese as a sentence, not as one mistyped word", () => {
    const sentence = "董事会开会了我们"; // eight characters, in no line
    const found = gather(lines, sentence, 10);
    expect(found.rareTerms).toEqual([false]);
    expect(found.candidates.size).toBe(0);
    // Six characters are still a word that may be mistyped.
    expect(gather(lines, "董事会开会吗", 10).rareTerms).toEqual([true]);
    expect(linesOf(gather(lines, "董事会开会吗", 10))).toContain(0);
  });

  it("takes only a run of Chinese characters as a sentence, not one with kana at either end", () => {
    expect(gather(lines, "ですね董事会开会了", 10).rareTerms).toEqual([true]);
    expect(gather(lines, "董事会开会了ですね", 10).rareTerms).toEqual([true]);
  });

  it("stops after the phrase when its lines alone fill the page", () => {
    const two = indexedLines("短信董事会", "董事会发了短信");
    expect(linesOf(gather(two, "短信 董事会", 1))).toEqual([0]);
    expect(linesOf(gather(two, "短信 董事会", 2))).toEqual([0, 1]);
  });

  it("looks for homophones of each rare term, only of rare ones, and keeps them apart in a line", () => {
    const sounds = indexedLines("阴谋论和懂事会", "董事会", "董事会好", "短信来了");
    // 董事慧 and 阴谋轮 are in no line: both rare; 懂事会 sounds like 董事慧, 阴谋论 like 阴谋轮.
    const both = gather(sounds, "阴谋轮 董事慧", 2);
    expect(both.candidates.get(0)?.homophoneRanges).toEqual(
      new Map([
        [0, [[0, 3]]],
        [1, [[4, 7]]],
      ]),
    );
    // 董事会 fills the page of two as written: no homophone of it is looked for.
    const one = gather(sounds, "阴谋轮 董事会", 2);
    expect(one.rareTerms).toEqual([true, false]);
    expect(one.candidates.get(0)?.homophoneRanges).toEqual(new Map([[0, [[0, 3]]]]));
    // Two characters are enough (短新 → 短信).
    expect(gather(sounds, "短新", 2).candidates.get(3)?.homophoneRanges).toEqual(new Map([[0, [[0, 2]]]]));
  });

  it("hands over the typo lines sharing the most bigrams, at most two per result and fifty at least", () => {
    // 拉斯维加斯酒: 拉斯 斯维 维加 加斯 斯酒; a typo line must share three. Lines 0–59 share three, 60–64 four,
    // line 65 one (加斯).
    const vegas = indexedLines(
      ...Array.from({ length: 60 }, (_, index) => `第${index}拉斯维加`),
      ...Array.from({ length: 5 }, (_, index) => `第${index}拉斯维加斯`),
      "加斯顿来了",
    );
    const found = gather(vegas, "拉斯维加斯酒", 10);
    expect(linesOf(found)).toEqual([...Array.from({ length: 45 }, (_, line) => line), 60, 61, 62, 63, 64]);
  });

  it("takes no line sharing fewer than half of a term's bigrams as a typo of it", () => {
    const vegas = indexedLines("拉斯维加斯", "加斯顿来了", "维加斯");
    // 拉斯维加斯酒 has five bigrams: 拉斯维加斯 shares four, 维加斯 two, 加斯顿来了 one.
    expect(linesOf(gather(vegas, "拉斯维加斯酒", 10))).toEqual([0]);
  });

  it("takes no line holding a rare bigram of a term but too few of the others as a typo of it", () => {
    // 拉斯维加斯酒: 拉斯 and 加斯 are the rarest bigrams the lines hold (斯酒 none), so lines holding them are read;
    // 加斯顿 shares one of the five, fewer than three.
    const vegas = indexedLines("拉斯维加斯", "斯维", "斯维", "维加", "维加", "加斯顿");
    expect(linesOf(gather(vegas, "拉斯维加斯酒", 10))).toEqual([0]);
  });

  it("finds a pinyin reading through its rarest pair of syllables, however common the others", () => {
    // 是会 (shi hui) in every line, 1,101: more than a lookup reads; 董是 (dong shi) in the last line only.
    const common = indexedLines(...Array.from({ length: 1100 }, () => "我是会员"), "董是会");
    expect(linesOf(gather(common, "dongshihui", 10))).toEqual([1100]);
  });

  it("hands over at most fifty lines of a pinyin reading for a page of ten", () => {
    const many = indexedLines(...Array.from({ length: 60 }, (_, index) => `第${index}董事会`));
    expect(gather(many, "dongshihui", 10).candidates.size).toBe(50);
  });

  it("hands over at most two lines per result asked for, and at least fifty", () => {
    const many = indexedLines(...Array.from({ length: 130 }, (_, index) => `第${index}次董事会`));
    expect(gather(many, "董事会", 10).candidates.size).toBe(50);
    expect(gather(many, "董事会", 30).candidates.size).toBe(60);
    expect(gather(many, "董事会", 26).candidates.size).toBe(52);
  });
});

describe("exactLines", () => {
  let lines: IndexedLines;
  beforeEach(() => {
    lines = indexedLines(
      "董事会开会了", // 0
      "董事和理事会", // 1: 董事 and 事会, but not 董事会
      "钱", // 2
      "有钱的董事会", // 3
      "会", // 4
      "OpenAI 的董事会", // 5
    );
  });
  const everywhere: LineScope = { from: 0, to: 6 };

  it("finds lines holding every word as written, never only its bigrams", () => {
    expect(exactLines(lines, ["董事会"], everywhere, 10)).toEqual([0, 3, 5]);
    expect(exactLines(lines, ["董事会", "钱"], everywhere, 10)).toEqual([3]);
    expect(exactLines(lines, ["openai", "董事会"], everywhere, 10)).toEqual([5]);
    expect(exactLines(lines, ["董事会", "猫"], everywhere, 10)).toEqual([]);
    expect(exactLines(lines, ["董猫"], everywhere, 10)).toEqual([]);
  });

  it("finds one-character words through the rarest character's bigrams", () => {
    expect(exactLines(lines, ["钱"], everywhere, 10).sort()).toEqual([2, 3]);
    expect(exactLines(lines, ["钱", "会"], everywhere, 10)).toEqual([3]);
    expect(exactLines(lines, ["会"], everywhere, 10).sort()).toEqual([0, 1, 3, 4, 5]);
    expect(exactLines(lines, ["猫"], everywhere, 10)).toEqual([]);
    expect(exactLines(lines, [""], everywhere, 10)).toEqual([]);
  });

  it("keeps to the cap and the scope", () => {
    expect(exactLines(lines, ["董事会"], everywhere, 2)).toEqual([0, 3]);
    expect(exactLines(lines, ["董事会"], { from: 1, to: 5 }, 10)).toEqual([3]);
    expect(exactLines(lines, ["董事会"], { ...everywhere, accepts: (line) => line !== 3 }, 10)).toEqual([0, 5]);
    expect(exactLines(lines, ["钱"], { ...everywhere, accepts: (line) => line !== 2 }, 10)).toEqual([3]);
  });
});

describe("estimatedLines", () => {
  let lines: IndexedLines;
  beforeEach(() => {
    lines = indexedLines("董事会开会", "董事长", "开会", "钱", "钱多", "理事会");
  });

  it("gives at least the lines holding a word, from its rarest bigram", () => {
    // An upper bound: 董事 and 事会 are each in two lines, 董事会 in one.
    expect(estimatedLines(lines, "董事会")).toBe(2);
    expect(estimatedLines(lines, "董事长")).toBe(1);
    expect(estimatedLines(lines, "董事")).toBe(2);
    expect(estimatedLines(lines, "事会")).toBe(2);
    expect(estimatedLines(lines, "董事猫")).toBe(0);
  });

  it("counts a one-character word by every bigram holding its character", () => {
    expect(estimatedLines(lines, "钱")).toBe(2);
    expect(estimatedLines(lines, "长")).toBe(1);
    expect(estimatedLines(lines, "猫")).toBe(0);
    expect(estimatedLines(lines, "")).toBe(0);
  });
});
