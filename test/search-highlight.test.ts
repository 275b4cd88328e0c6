// What a hit highlights (src/search/highlight.ts), on a small library built inside each test.
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "../src/search/index.js";
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
