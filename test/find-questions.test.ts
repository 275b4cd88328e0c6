/** findQuestionsIn on a small interview: the order and scores of matches by number, by title words, by typo. */
import { describe, expect, it } from "vitest";
import type { Interview } from "../src/content/model.js";
import { formatContentError } from "../src/content/model.js";
import { parseInterview } from "../src/content/parse.js";
import { at, codePointIn } from "../src/search/checked.js";
import { findQuestionsIn } from "../src/search/questions.js";

const TITLES = [
  "Opening remarks",
  "Chips and supply",
  "Chips",
  "Open source models",
  "Regulation of AI",
  "Supply of chips in Asia",
  "芯片供应",
  "Hiring",
  "Remote work",
  "Funding",
  "Board changes",
  "Closing",
];

function interviewOf(titles: readonly string[]): Interview {
  const body = titles.map((title, i) => `### Question ${i + 1}: ${title}\n- **Summary**: s\n`).join("");
  const result = parseInterview(`---\ntitle: T\n---\n${body}`, "t", "t.md");
  if (!result.ok) throw new Error(result.errors.map(formatContentError).join("\n"));
  return result.interview;
}

const numbers = (matches: readonly { question: { number: number } }[]): number[] =>
  matches.map((match) => match.question.number);

describe("findQuestionsIn", () => {
  it("offers the first questions, in order, for an empty query", () => {
    const interview = interviewOf(TITLES);
    expect(findQuestionsIn(interview, "  ", 3).map((m) => [m.question.number, m.score])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });

  it("puts the question of a number first, then the numbers it begins, in order", () => {
    const interview = interviewOf(TITLES);
    expect(findQuestionsIn(interview, "1", 25).map((m) => [m.question.number, m.score])).toEqual([
      [1, 2],
      [10, 1],
      [11, 1],
      [12, 1],
    ]);
    expect(numbers(findQuestionsIn(interview, "1", 2))).toEqual([1, 10]);
    for (const query of ["#5", "q5", "Question 5", "问题 5", "問題5", "５", "05"]) {
      expect(numbers(findQuestionsIn(interview, query, 25)), query).toEqual([5]);
    }
  });

  it("searches titles when no question has the number", () => {
    const interview = interviewOf(TITLES);
    expect(findQuestionsIn(interview, "99", 25)).toEqual([]);
  });

  it("ranks titles holding the phrase by how much of the title it is, then titles holding every word", () => {
    const interview = interviewOf(TITLES);
    const matches = findQuestionsIn(interview, "chips", 25);
    // "Chips" alone, then the longer titles holding it, shortest first.
    expect(numbers(matches).slice(0, 3)).toEqual([3, 2, 6]);
    expect(matches[0]?.score).toBe(4);
    expect(matches[1]?.score).toBeCloseTo(3 + 5 / "chipsandsupply".length);
    const words = findQuestionsIn(interview, "supply chips", 25);
    expect(numbers(words).slice(0, 2)).toEqual([2, 6]);
    expect(words.slice(0, 2).map((match) => match.score)).toEqual([2, 2]);
  });

  it("finds a title by a typo, below every exact match, and by its Chinese words", () => {
    const interview = interviewOf(TITLES);
    const typo = findQuestionsIn(interview, "Regulaton", 25);
    expect(numbers(typo)[0]).toBe(5);
    expect(typo[0]?.score).toBeGreaterThan(0);
    expect(typo[0]?.score).toBeLessThan(1);
    expect(numbers(findQuestionsIn(interview, "芯片", 25))).toEqual([7]);
    expect(findQuestionsIn(interview, "!!!", 25)).toEqual([]);
  });
});

describe("findQuestionsIn, beyond the usual interview", () => {
  it("orders questions by number when the file lists them out of order", () => {
    const body = [12, 1, 10].map((number) => `### Question ${number}: Title ${number}\n- **Summary**: s\n`).join("");
    const result = parseInterview(`---\ntitle: T\n---\n${body}`, "t", "t.md");
    if (!result.ok) throw new Error(result.errors.map(formatContentError).join("\n"));
    expect(numbers(findQuestionsIn(result.interview, "1", 25))).toEqual([1, 10, 12]);
  });

  it("looks for a number no question has in the titles", () => {
    const interview = interviewOf(["Opening remarks", "Plans for 2030", "Closing"]);
    expect(numbers(findQuestionsIn(interview, "2030", 25))).toEqual([2]);
  });

  it("finds a typo of a word however far into a long title it stands", () => {
    const interview = interviewOf([
      "Opening remarks",
      "What the company learned from the long and difficult years of regulation",
    ]);
    expect(numbers(findQuestionsIn(interview, "regulaton", 25))).toEqual([2]);
  });
});

describe("checked reads", () => {
  it("return what is there, and throw a RangeError naming the index when nothing is", () => {
    const array = Uint32Array.of(7, 9);
    expect(at(array, 1)).toBe(9);
    expect(() => at(array, 2)).toThrow(new RangeError("index 2 is outside an array of 2"));
    expect(() => at(array, -1)).toThrow(RangeError);
    expect(codePointIn("a😀", 1)).toBe(0x1f600);
    expect(codePointIn("a😀", 2)).toBe(0xde00);
    expect(() => codePointIn("ab", 2)).toThrow(new RangeError("offset 2 is outside a text of 2"));
  });
});
