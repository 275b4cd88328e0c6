// What a hit highlights (src/search/highlight.ts), on a small library built inside each test.
import { describe, expect, it } from "vitest";
import { buildSearchIndex, wordsFoundAs } from "../src/search/index.js";
import { interviewSaying } from "../testkit/corpus.js";

/** Each hit's line with its highlighted parts in [brackets], best first. */
function highlighted(said: readonly string[], query: string): string[] {
  const index = buildSearchIndex([
    interviewSaying(
      "talk",
      said.map((text) => ["Host", text] as const),
    ),
  ]);
  const outcome = index.search(query);
  if (!outcome.ok) throw new Error(`"${query}" was refused: ${outcome.error}`);
  return outcome.hits.map(({ line, ranges }) => {
    let marked = line.text;
    for (const [start, end] of [...ranges].reverse())
      marked = `${marked.slice(0, start)}[${marked.slice(start, end)}]${marked.slice(end)}`;
    return marked;
  });
}

describe("highlighting", () => {
  it("marks a term where it stands as written, not its homophones in the same line", () => {
    expect(highlighted(["他说阴谋轮，不是阴谋论", "阴谋论不可信"], "阴谋轮")).toEqual([
      "他说[阴谋轮]，不是阴谋论",
      "[阴谋论]不可信",
    ]);
  });
});

describe("wordsFoundAs", () => {
  const line = { number: 1, speaker: "Host", question: 1, sourceLine: 9, text: "我被解雇了，董事会解雇了我。" };
  const fired: [number, number][] = [
    [2, 4],
    [6, 9],
    [9, 11],
    [12, 12],
  ];

  it("names the distinct words a hit marks, at most three, when it holds the query in other words", () => {
    expect(wordsFoundAs({ line, ranges: fired, exact: false }, "dismissed board")).toEqual(["解雇", "董事会"]);
    const many: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ];
    expect(wordsFoundAs({ line, ranges: many, exact: false }, "dismissed")).toEqual(["我", "被", "解"]);
  });

  it("names none for a hit that holds the query as typed", () => {
    expect(wordsFoundAs({ line, ranges: fired, exact: true }, "解雇")).toEqual([]);
  });

  it("leaves out the words typed as they stand, in either script, and names a part of a longer word", () => {
    expect(wordsFoundAs({ line, ranges: fired, exact: false }, "Sam被董事会辞退的原因")).toEqual(["解雇"]);
    expect(wordsFoundAs({ line, ranges: fired, exact: false }, "被董事會辭退")).toEqual(["解雇"]);
    expect(wordsFoundAs({ line, ranges: fired, exact: false }, "董事会解雇")).toEqual([]);
    // 打电话 is one word: the 电话 a line holds is part of it, not what was typed. 最喜欢 is read as 最 + 喜欢.
    const called = { ...line, text: "我和董事会通了电话。" };
    expect(wordsFoundAs({ line: called, ranges: [[7, 9]], exact: false }, "打电话")).toEqual(["电话"]);
    const liked = { ...line, text: "我很喜欢。" };
    expect(wordsFoundAs({ line: liked, ranges: [[2, 4]], exact: false }, "最喜欢")).toEqual([]);
    const years = { ...line, text: "He kept it twenty-seven Years." };
    const ranges: [number, number][] = [
      [11, 23],
      [24, 29],
    ];
    expect(wordsFoundAs({ line: years, ranges, exact: false }, "27 years")).toEqual(["twenty-seven"]);
  });
});
