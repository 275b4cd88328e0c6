/** The speaker directory (ids, filters, names inside a query, autocomplete) and the "did you mean" vocabulary. */
import { describe, expect, it } from "vitest";
import type { Interview } from "../src/content/model.js";
import { formatContentError } from "../src/content/model.js";
import { parseInterview } from "../src/content/parse.js";
import { SpeakerDirectory } from "../src/search/speakers.js";
import { Suggester } from "../src/search/suggestions.js";
import { interviewSaying } from "../testkit/corpus.js";

function directory(...names: string[]): SpeakerDirectory {
  const speakers = new SpeakerDirectory();
  for (const name of names) speakers.idOf(name);
  return speakers;
}

describe("SpeakerDirectory", () => {
  it("gives one id per name, shared by spellings equal once normalised, keeping the first spelling", () => {
    const speakers = new SpeakerDirectory();
    expect(speakers.idOf("Sam Altman")).toBe(0);
    expect(speakers.idOf("Host")).toBe(1);
    expect(speakers.idOf("Sam Altman")).toBe(0);
    expect(speakers.idOf("ｓａｍ altman")).toBe(0);
    expect(speakers.idOf("ｓａｍ altman")).toBe(0);
    expect(speakers.count).toBe(2);
    expect(speakers.names).toEqual(["Sam Altman", "Host"]);
  });

  it("resolves a filter to the exact name, else to every speaker with a name word starting with it", () => {
    const speakers = directory("Sam Altman", "Samantha Jones", "Sam", "J B");
    expect(speakers.resolve("SAM")).toEqual([2]);
    expect(speakers.resolve("sa")).toEqual([0, 1, 2]);
    expect(speakers.resolve("alt")).toEqual([0]);
    expect(speakers.resolve("jo")).toEqual([1]);
    // Name words of one character are not words to match by.
    expect(speakers.resolve("b")).toEqual([]);
    expect(speakers.resolve(" ")).toEqual([]);
    expect(speakers.resolve("zed")).toEqual([]);
  });

  it("finds the speakers a query's words name, only when other words are left to search for", () => {
    const speakers = directory("Sam Altman", "Host");
    expect(speakers.namedIn(["altman", "chips"])).toEqual({ speakers: [0], rest: ["chips"] });
    expect(speakers.namedIn(["host", "samaltman", "gpu", "chips"])).toEqual({
      speakers: [1, 0],
      rest: ["gpu", "chips"],
    });
    expect(speakers.namedIn(["altman"])).toBeUndefined();
    expect(speakers.namedIn(["chips"])).toBeUndefined();
    expect(speakers.namedIn(["alt", "chips"])).toBeUndefined();
  });

  it("completes names: name prefix first, then a word's prefix, then anywhere in the name", () => {
    const speakers = directory("Tim Altman", "Alice", "Malta", "Al Green");
    expect(speakers.find("al", 10)).toEqual(["Alice", "Al Green", "Tim Altman", "Malta"]);
    expect(speakers.find("al", 2)).toEqual(["Alice", "Al Green"]);
    expect(speakers.find("", 10)).toEqual(["Tim Altman", "Alice", "Malta", "Al Green"]);
    expect(speakers.find("", 1)).toEqual(["Tim Altman"]);
    expect(speakers.find("xyz", 10)).toEqual([]);
  });

  it("ranks a name word's prefix above the same letters inside a word, and matches two-letter name words", () => {
    expect(directory("Malta", "Tim Altman").find("al", 10)).toEqual(["Tim Altman", "Malta"]);
    expect(directory("Al Green", "Bo").resolve("al")).toEqual([0]);
  });
});

function interviewOf(text: string): Interview {
  const result = parseInterview(text, "t", "t.md");
  if (!result.ok) throw new Error(result.errors.map(formatContentError).join("\n"));
  return result.interview;
}

describe("Suggester", () => {
  const interview = interviewOf(
    "---\ntitle: T\nkeywords: [Regulation, x, REGULATION]\n---\n" +
      "### Question 1: Semiconductor supply\n- **Transcript**\n" +
      "**Host:** Transformers transformers TRANSFORMERS go.\n\n**Host:** Transformers and GPUs, ok?\n",
  );

  it("draws its words from keywords, speakers, frequent transcript words and titles, each once", () => {
    const { terms } = Suggester.fromInterviews([interview], ["Host"], interview.lines.length);
    expect(terms.map((term) => term.label)).toEqual([
      "Regulation",
      "Host",
      "Transformers",
      "and",
      "GPUs",
      "Semiconductor supply",
    ]);
    expect(terms[0]).toEqual({ label: "Regulation", normalized: "regulation" });
  });

  it("suggests the closest words for a query that found nothing, at most as many as asked", () => {
    const suggester = Suggester.fromInterviews([interview], ["Host"], interview.lines.length);
    expect(suggester.suggest("regulaton", 5)).toEqual(["Regulation"]);
    expect(suggester.suggest("transformrs", 5)[0]).toBe("Transformers");
    expect(suggester.suggest("semiconductr", 1)).toEqual(["Semiconductor supply"]);
    expect(suggester.suggest("", 5)).toEqual([]);
    expect(suggester.suggest("qqqqqq", 5)).toEqual([]);
  });

  it("gives no more suggestions than asked for when many words are close", () => {
    const suggester = new Suggester(
      ["regulation", "regulations", "regulator", "regulators"].map((word) => ({ label: word, normalized: word })),
    );
    expect(suggester.suggest("regulaton", 2)).toHaveLength(2);
  });

  it("orders the transcript's words by how often they are said", () => {
    const talk = interviewSaying("t", [["Host", "alpha beta beta gamma gamma gamma"]]);
    const { terms } = Suggester.fromInterviews([talk], [], 1);
    expect(terms.map((term) => term.label)).toEqual(["gamma", "beta", "alpha"]);
  });

  it("stays small whatever the library: 500 transcript words, 5,000 terms in all, an even sample of lines", () => {
    const words = Array.from({ length: 600 }, (_, index) => `word${index}`);
    const talk = interviewSaying("t", [["Host", words.join(" ")]]);
    expect(Suggester.fromInterviews([talk], [], 1).terms).toHaveLength(500);
    const keywords = Array.from({ length: 6000 }, (_, index) => `keyword${index}`);
    expect(Suggester.fromInterviews([{ ...talk, keywords }], [], 1).terms).toHaveLength(5000);
    // 40,000 lines: every other one is read.
    const alternating = interviewSaying("a", [
      ["Host", "alpha"],
      ["Host", "omega"],
      ["Host", "alpha"],
      ["Host", "omega"],
    ]);
    const sampled = Suggester.fromInterviews([alternating], [], 40_000).terms.map((term) => term.label);
    expect(sampled).toEqual(["alpha"]);
    expect(Suggester.fromInterviews([alternating], [], 4).terms.map((term) => term.label)).toEqual(["alpha", "omega"]);
  });

  it("can be rebuilt from its terms", () => {
    const suggester = Suggester.fromInterviews([interview], ["Host"], interview.lines.length);
    expect(new Suggester(suggester.terms).suggest("regulaton", 5)).toEqual(["Regulation"]);
  });
});
