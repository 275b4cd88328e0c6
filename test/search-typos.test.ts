// Typo tolerance (src/search/typos.ts): how closely a candidate line that lacks a rare term comes to holding it,
// and where — what ranks a mistyped query's line and what its reply highlights.
import { beforeEach, describe, expect, it } from "vitest";
import type { Candidate } from "../src/search/candidates.js";
import type { IndexedLines } from "../src/search/index-data.js";
import { typoMatches, type TypoMatches } from "../src/search/typos.js";
import { indexedLines, planOf } from "./search-lines.js";

/** Every line a candidate, as the gathering would hand them over. */
function everyLine(lines: IndexedLines): Map<number, Candidate> {
  return new Map(
    Array.from({ length: lines.count }, (_, line) => [
      line,
      { line, pinyinRanges: undefined, homophoneRanges: undefined },
    ]),
  );
}

/** The first term's typo matches, each line with its score and the highlighted parts of its normalised text. */
function matchesOf(lines: IndexedLines, query: string, rare = [true]): [number, number, string[]][] {
  const [first] = typoMatches(lines, planOf(lines, query), everyLine(lines), rare);
  return describeMatches(lines, first);
}

function describeMatches(lines: IndexedLines, matches: TypoMatches | undefined): [number, number, string[]][] {
  return [...(matches ?? [])]
    .map(([line, { score, ranges }]): [number, number, string[]] => [
      line,
      score,
      ranges.map(([start, end]) => lines.textOf(line).slice(start, end)),
    ])
    .sort((a, b) => a[0] - b[0]);
}

describe("typoMatches", () => {
  let lines: IndexedLines;
  beforeEach(() => {
    lines = indexedLines(
      "我们讨论了董事长的事", // 0: 董事 of 董事会
      "完全没有关系", // 1
      "董事会", // 2: the term as written
      "我在拉斯维加斯的一家酒店", // 3
      "这里很吵", // 4
      `${"很多无关的话".repeat(6)}董事长也在`, // 5: 董事 far into a long line
    );
  });

  it("scores the lines sharing at least half of a term's bigrams, and highlights where", () => {
    expect(matchesOf(lines, "董事会")).toEqual([
      [0, expect.any(Number), ["董事"]],
      [5, expect.any(Number), ["董事"]],
    ]);
    for (const [, score] of matchesOf(lines, "董事会")) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    }
  });

  it("scores a closer line better (lower)", () => {
    const vegas = indexedLines("他去了拉斯维加", "拉斯维加斯酒吧");
    expect(matchesOf(vegas, "拉斯维加斯酒店")).toEqual([
      [0, expect.any(Number), ["拉斯维加"]],
      [1, expect.any(Number), ["拉斯维加斯酒"]],
    ]);
    const [[, farther], [, nearer]] = matchesOf(vegas, "拉斯维加斯酒店") as [
      [number, number, string[]],
      [number, number, string[]],
    ];
    expect(nearer).toBeLessThan(farther);
  });

  it("leaves out lines holding the term as written, and lines holding a homophone of it", () => {
    expect(matchesOf(lines, "董事会").map(([line]) => line)).not.toContain(2);
    const candidates = everyLine(lines);
    candidates.get(0)!.homophoneRanges = new Map([[0, [[5, 8]]]]);
    const [matches] = typoMatches(lines, planOf(lines, "董事会"), candidates, [true]);
    expect([...(matches?.keys() ?? [])]).toEqual([5]);
  });

  it("looks for no typo of a term that is not rare, of a Latin word, or of one character", () => {
    expect(matchesOf(lines, "董事会", [false])).toEqual([]);
    expect(matchesOf(lines, "董事会", [])).toEqual([]);
    const latin = indexedLines("openai", "the openal team");
    expect(matchesOf(latin, "openaj")).toEqual([]);
    expect(matchesOf(lines, "董")).toEqual([]);
  });

  it("matches each term of a query on its own", () => {
    const plan = planOf(lines, "董事会 拉斯维加斯");
    const [board, vegas] = typoMatches(lines, plan, everyLine(lines), [true, false]);
    expect([...(board?.keys() ?? [])].sort()).toEqual([0, 5]);
    expect(vegas?.size).toBe(0);
  });

  it("scores only the 25 lines sharing the most bigrams, the earlier lines first among equals", () => {
    // 拉斯维加斯酒: 拉斯 斯维 维加 加斯 斯酒. The first 25 lines share three bigrams, the last 5 four.
    const many = indexedLines(
      ...Array.from({ length: 25 }, (_, index) => `第${index}个拉斯维加`),
      ...Array.from({ length: 5 }, (_, index) => `第${index}个拉斯维加斯`),
    );
    const scored = matchesOf(many, "拉斯维加斯酒").map(([line]) => line);
    expect(scored).toEqual([...Array.from({ length: 20 }, (_, line) => line), 25, 26, 27, 28, 29]);
  });

  it("scores a term too long for Fuse.js by the share of its bigrams a line holds", () => {
    const term = "董事会在拉斯维加斯的一家酒店房间里度过周末的时候得知的消息很突然啊"; // 33 characters, 32 bigrams
    const long = indexedLines(`${term.slice(0, 25)}完全不同的东西`, "无关");
    const [[line, score, parts]] = matchesOf(long, term) as [[number, number, string[]]];
    expect(line).toBe(0);
    expect(score).toBeCloseTo(1 - 24 / 32);
    // Every shared bigram is highlighted, and nothing past them.
    expect(parts).toHaveLength(24);
    expect(parts.join("")).not.toContain("完全");
  });
});
