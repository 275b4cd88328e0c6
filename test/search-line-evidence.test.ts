// Reading a line against a query (src/search/line-evidence.ts): what it holds of the query — the phrase, which
// terms as written, by homophone or by typo, a pinyin reading — which the ranking turns into its place.
import { describe, expect, it } from "vitest";
import type { Candidate } from "../src/search/candidates.js";
import { evidenceOf, type LineMatch } from "../src/search/line-evidence.js";
import { WORD_FORM_VALUE } from "../src/search/latin-words.js";
import { normalize } from "../src/search/normalize.js";
import { EXACT_VALUE, HOMOPHONE_VALUE, typoValue } from "../src/search/ranking.js";
import type { TypoMatches } from "../src/search/typos.js";
import { indexedLines, planOf } from "./search-lines.js";

interface Extra {
  readonly candidate?: Partial<Candidate>;
  readonly typos?: readonly TypoMatches[];
}

/** What `original` holds of `query`, the line being the only one of its library. */
function evidence(original: string, query: string, { candidate = {}, typos = [] }: Extra = {}): LineMatch {
  return evidenceOf(
    planOf(indexedLines(original), query),
    { line: 0, pinyinRanges: undefined, homophoneRanges: undefined, ...candidate },
    normalize(original),
    original,
    typos,
  );
}

describe("evidenceOf", () => {
  it("finds the phrase, and counts it as every term held as written", () => {
    const match = evidence("OpenAI的董事会开会了。", "董事会");
    expect(match).toMatchObject({
      phrase: true,
      exact: true,
      allTerms: true,
      termValue: EXACT_VALUE,
      termWeight: 1,
      wholeWord: true,
      exactLength: 3,
      lineLength: normalize("OpenAI的董事会开会了。").length,
      pinyin: "none",
    });
  });

  it("finds every term apart, counting what they cover of the line", () => {
    const match = evidence("董事会昨天发了短信", "短信 董事会");
    expect(match).toMatchObject({
      phrase: false,
      exact: true,
      allTerms: true,
      termValue: 2,
      termWeight: 2,
      exactLength: 5,
      lineLength: 9,
    });
  });

  it("counts a line holding some terms as neither exact nor holding all", () => {
    const match = evidence("董事会开会了", "短信 董事会");
    expect(match).toMatchObject({ phrase: false, exact: false, allTerms: false, termValue: 1, termWeight: 2 });
    expect(match.exactLength).toBe(3);
  });

  it("values a homophone below a term as written, and a typo by how close it comes", () => {
    const homophone = evidence("阴谋论不可信", "阴谋轮", { candidate: { homophoneRanges: new Map([[0, [[0, 3]]]]) } });
    expect(homophone).toMatchObject({ termValue: HOMOPHONE_VALUE, allTerms: true, exact: false, wholeWord: false });
    expect(homophone.exactLength).toBe(0);
    const typos: TypoMatches[] = [new Map([[0, { score: 0.25, ranges: [[0, 2]] }]])];
    const typo = evidence("阴谋家不可信", "阴谋轮", { typos });
    expect(typo.termValue).toBeCloseTo(typoValue(0.25));
    expect(typo).toMatchObject({ allTerms: true, exact: false });
    // A typo match of another line is not this line's.
    const elsewhere: TypoMatches[] = [new Map([[1, { score: 0.25, ranges: [[0, 2]] }]])];
    expect(evidence("阴谋家不可信", "阴谋轮", { typos: elsewhere })).toMatchObject({ termValue: 0, allTerms: false });
  });

  it("tells a pinyin match, full or completed from a prefix, from none", () => {
    const reading = { pinyinRanges: [[0, 3]] as [number, number][] };
    expect(evidence("董事会", "dongshihui", { candidate: reading }).pinyin).toBe("full");
    expect(evidence("董事会", "dongshih", { candidate: reading }).pinyin).toBe("prefix");
    expect(evidence("董事会", "dongshihui").pinyin).toBe("none");
  });

  it("matches Latin terms as whole words only, and says when one is missing", () => {
    const inside = evidence("Our country has sheep", "count sheep");
    expect(inside).toMatchObject({ allTerms: false, termValue: 1, missingLatinWord: true, exact: false });
    expect(inside.wordRanges).toEqual([undefined, [[13, 18]]]);
    // The last word may be still being typed: the start of a word counts, less than the word.
    const typing = evidence("Our country is big", "count");
    expect(typing).toMatchObject({ allTerms: true, exact: false, wholeWord: false, exactLength: 0 });
    expect(typing.termValue).toBeLessThan(WORD_FORM_VALUE);
    const whole = evidence("We count sheep", "count");
    expect(whole).toMatchObject({ allTerms: true, exact: true, wholeWord: true, exactLength: 5 });
    expect(whole.wordRanges).toEqual([[[2, 7]]]);
    const form = evidence("They counted sheep", "count");
    expect(form.termValue).toBeCloseTo(WORD_FORM_VALUE);
    expect(form).toMatchObject({ exact: true, wholeWord: true });
  });

  it("completes only the last word as one being typed, and counts a typo of a word as neither exact nor whole", () => {
    expect(evidence("my grandfather clock", "clock grandf")).toMatchObject({ allTerms: true, exact: false });
    expect(evidence("my grandfather clock", "grandf clock")).toMatchObject({
      allTerms: false,
      missingLatinWord: true,
    });
    const typo = evidence("tea and biscuits", "biscuts");
    expect(typo).toMatchObject({ allTerms: true, exact: false, wholeWord: false, exactLength: 0 });
    expect(typo.termValue).toBeGreaterThan(0);
    expect(typo.termValue).toBeLessThan(WORD_FORM_VALUE);
    expect(typo.wordRanges).toEqual([[[6, 14]]]);
  });

  it("lets a mixed query miss its Latin word, but not an English one", () => {
    expect(evidence("董事会开会了", "openai 董事会").missingLatinWord).toBe(false);
    expect(evidence("the board met", "openai board").missingLatinWord).toBe(true);
    expect(evidence("the board met", "board").missingLatinWord).toBe(false);
    // Every word there, apart: nothing missing, and what they cover counted word by word.
    expect(evidence("we count the sheep", "count sheep")).toMatchObject({
      phrase: false,
      missingLatinWord: false,
      exact: true,
      exactLength: 10,
    });
  });

  it("takes a phrase with a Latin edge only on word boundaries", () => {
    const split = evidence("I sat in the chair", "satin");
    expect(split.phrase).toBe(false);
    const whole = evidence("GPT-4 is out", "gpt4");
    expect(whole.phrase).toBe(true);
    expect(whole.phraseRanges).toEqual([[0, 4]]);
    const joined = evidence("an old grandfather clock", "grandfather clock");
    expect(joined).toMatchObject({ phrase: true, exactLength: "grandfatherclock".length });
    // A Chinese phrase needs no boundary, and reports no ranges of its own.
    expect(evidence("我们的董事会", "董事会").phraseRanges).toBeUndefined();
  });

  it("takes the phrase as typed when conversion changed it (么 → 幺 out of context)", () => {
    const match = evidence("什么", "么");
    expect(match).toMatchObject({ phrase: true, exact: true });
  });
});
