// Whole Latin words (src/search/latin-words.ts): an English or number term matches a line's whole words — as
// written, as another form of the word, with a real typo, or (the last word being typed) as a word's start.
import { describe, expect, it } from "vitest";
import {
  editDistance,
  hasLatinEdge,
  isLatinTerm,
  LineWords,
  maxTypoEdits,
  WORD_FORM_VALUE,
  type WordMatch,
} from "../src/search/latin-words.js";
import { normalize } from "../src/search/normalize.js";

/** The words of `original` that `term` matches, as they read in the normalised line, with the match's value. */
function match(original: string, term: string, prefix = false): { value: number; exact: boolean; words: string[] } {
  const text = normalize(original);
  const found: WordMatch | undefined = new LineWords(original, text).match(term, prefix);
  if (found === undefined) return { value: 0, exact: false, words: [] };
  return { value: found.value, exact: found.exact, words: found.ranges.map(([start, end]) => text.slice(start, end)) };
}

function phrases(original: string, phrase: string, joins: readonly number[] = []): string[] {
  const text = normalize(original);
  return new LineWords(original, text)
    .phraseOccurrences(phrase, new Set(joins))
    .map(([start, end]) => `${start}:${text.slice(start, end)}`);
}

describe("LineWords.match", () => {
  it("matches a word as written, every time it stands whole, and never inside a longer word", () => {
    expect(match("We count, they count.", "count")).toEqual({ value: 1, exact: true, words: ["count", "count"] });
    expect(match("Our country", "count").words).toEqual([]);
    expect(match("a discount", "count").words).toEqual([]);
    expect(match("用OpenAI的模型", "openai")).toEqual({ value: 1, exact: true, words: ["openai"] });
    expect(match("OpenAI的和openai", "openai").words).toEqual(["openai", "openai"]);
  });

  it("finds no Latin word in a line without Latin letters", () => {
    expect(match("我们的董事会", "count").words).toEqual([]);
    expect(match("", "count").words).toEqual([]);
  });

  it("matches another form of the word, counting it nearly as much, unless the word itself is there", () => {
    expect(match("They counted sheep", "count")).toEqual({ value: WORD_FORM_VALUE, exact: true, words: ["counted"] });
    expect(match("the stairs", "stair").words).toEqual(["stairs"]);
    expect(match("ticking clocks", "ticks").words).toEqual(["ticking"]);
    expect(match("counted, then count", "count")).toEqual({ value: 1, exact: true, words: ["count"] });
    // Numbers have no other forms.
    expect(match("in 1990s", "1990").words).toEqual([]);
  });

  it("forgives a real typo of a word that is not itself a word, valued by the edits it took", () => {
    const typo = match("tea and biscuits", "biscuts");
    expect(typo.words).toEqual(["biscuits"]);
    expect(typo.exact).toBe(false);
    expect(typo.value).toBeCloseTo(0.8 * (1 - 1 / 7));
    // Two edits for a long word, none for a real word or a number.
    expect(match("the lighthouse keeper", "lihgthuose").words).toEqual(["lighthouse"]);
    expect(match("we grew potatoes", "tomatoes").words).toEqual([]);
    expect(match("GPT-4 is here", "gpt5").words).toEqual([]);
  });

  it("keeps the closest typo, and every word equally close", () => {
    expect(match("biscuit biscuits", "biscuts").words).toEqual(["biscuits"]);
    expect(match("biscuits and biscuits", "biscuts").words).toEqual(["biscuits", "biscuits"]);
  });

  it("allows a short word only a look-alike letter swap (AGl → AGI)", () => {
    expect(match("AGI is near", "agl").words).toEqual(["agi"]);
    expect(match("AGI is near", "ag1").words).toEqual([]);
    expect(match("a cat", "cot").words).toEqual([]);
    // Each look-alike pair a term's letter may be mistyped as (a term with a digit allows no typo at all).
    for (const [term, word] of [
      ["zoq", "z0q"],
      ["zlq", "z1q"],
      ["ziq", "z1q"],
      ["zsq", "z5q"],
      ["ziq", "zlq"],
      ["zlq", "ziq"],
    ] as const) {
      expect(match(`the ${word} one`, term).words, term).toEqual([word]);
    }
    expect(match("the zaq one", "zoq").words).toEqual([]);
  });

  it("takes the start of a word only for the last word being typed, of at least three letters", () => {
    expect(match("my grandfather", "grandf", true)).toEqual({ value: 0.7, exact: false, words: ["grandfather"] });
    expect(match("my grandfather", "grandf").words).toEqual([]);
    expect(match("a great day", "gr", true).words).toEqual([]);
    expect(match("a great day", "gre", true).words).toEqual(["great"]);
  });

  it("highlights at most 16 occurrences of a word", () => {
    expect(match(Array.from({ length: 20 }, () => "go").join(" "), "go").words).toHaveLength(16);
    expect(match(`start ${"go ".repeat(20)}`, "go").words).toHaveLength(16);
  });
});

describe("LineWords.phraseOccurrences", () => {
  it("finds a phrase only where it starts and ends on word boundaries", () => {
    expect(phrases("GPT-4 is out", "gpt4")).toEqual(["0:gpt4"]);
    expect(phrases("the GPT-4o model", "gpt4")).toEqual([]);
    expect(phrases("我用GPT4写作", "gpt4")).toEqual(["2:gpt4"]);
    expect(phrases("xgpt4 gpt4", "gpt4")).toEqual(["5:gpt4"]);
    expect(phrases("anything", "")).toEqual([]);
  });

  it("splits no word the query keeps whole, unless the query splits it too", () => {
    expect(phrases("I sat in the chair", "satin")).toEqual([]);
    expect(phrases("an old grandfather clock", "grandfatherclock", [11])).toEqual(["5:grandfatherclock"]);
    expect(phrases("an old grandfather clock", "grandfatherclock")).toEqual([]);
    // Letters meeting digits are two words anyway.
    expect(phrases("GPT 4 is out", "gpt4")).toEqual(["0:gpt4"]);
  });

  it("reports at most 16 occurrences", () => {
    expect(phrases(Array.from({ length: 20 }, () => "go on").join(", "), "goon", [2])).toHaveLength(16);
  });
});

describe("LineWords.isBoundary", () => {
  it("sees a boundary at the ends, beside non-Latin text, and where the line had a space or punctuation", () => {
    const original = "Hi there, 董事 OK";
    const words = new LineWords(original, normalize(original)); // hithere董事ok
    expect([0, 1, 2, 3, 7, 8, 9, 10, 11, 13].map((at) => words.isBoundary(at))).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
      true,
      false,
      true,
      true,
    ]);
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and swaps of neighbours", () => {
    expect(editDistance("kitten", "sitting", 5)).toBe(3);
    expect(editDistance("biscuts", "biscuits", 2)).toBe(1);
    expect(editDistance("lighthouse", "lihgthouse", 2)).toBe(1);
    expect(editDistance("ab", "ba", 2)).toBe(1);
    expect(editDistance("abc", "abc", 2)).toBe(0);
    expect(editDistance("", "abc", 3)).toBe(3);
    expect(editDistance("abc", "", 3)).toBe(3);
  });

  it("stops at one more than the most it is asked about", () => {
    expect(editDistance("kitten", "sitting", 2)).toBe(3);
    expect(editDistance("kitten", "sitting", 1)).toBe(2);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
    expect(editDistance("abcdef", "ghijkl", 2)).toBe(3);
    expect(editDistance("abcdefgh", "abcdefgx", 0)).toBe(1);
  });
});

describe("maxTypoEdits", () => {
  it("allows no typo of a real word or a number, one up to seven letters, two from eight", () => {
    expect(maxTypoEdits("potatoes")).toBe(0);
    expect(maxTypoEdits("gpt5")).toBe(0);
    expect(maxTypoEdits("agl")).toBe(1);
    expect(maxTypoEdits("biscuts")).toBe(1);
    expect(maxTypoEdits("xqzvbnm")).toBe(1);
    expect(maxTypoEdits("xqzvbnmk")).toBe(2);
    expect(maxTypoEdits("lihgthuose")).toBe(2);
    // Asked again, the same.
    expect(maxTypoEdits("lihgthuose")).toBe(2);
  });
});

describe("Latin terms and edges", () => {
  it("knows a term of Latin letters and digits", () => {
    expect(isLatinTerm("gpt4")).toBe(true);
    expect(isLatinTerm("gpt四")).toBe(false);
    expect(isLatinTerm("四gpt")).toBe(false);
    expect(isLatinTerm("")).toBe(false);
  });

  it("knows a phrase starting or ending with a Latin letter or digit", () => {
    expect(hasLatinEdge("gpt董事")).toBe(true);
    expect(hasLatinEdge("董事4")).toBe(true);
    expect(hasLatinEdge("董a事")).toBe(false);
    expect(hasLatinEdge("")).toBe(false);
  });
});
