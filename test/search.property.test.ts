import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContentDir } from "../src/content/load.js";
import type { Interview } from "../src/content/model.js";
import { buildSearchIndex, normalize, snippetAround, type MatchRange, type SearchIndex } from "../src/search/index.js";
import { foldWithoutConversion } from "../src/search/normalize.js";
import {
  EXACT_VALUE,
  HOMOPHONE_VALUE,
  scoreOf,
  tierOf,
  TIERS,
  typoValue,
  type LineEvidence,
} from "../src/search/ranking.js";

let interview: Interview;
let index: SearchIndex;

beforeAll(async () => {
  const { library } = await loadContentDir("content");
  interview = library.interviews[0]!;
  index = buildSearchIndex(library.interviews);
});

const LONE_SURROGATE = /\p{Cs}/u;

/** Strings up to 200 characters: any code point, lone surrogates, and runs of the seed's own text and punctuation. */
function queryText(): fc.Arbitrary<string> {
  const seedText = interview.lines.map((line) => line.text).join("");
  const pieces = fc.oneof(
    fc.string({ unit: "binary", maxLength: 4 }),
    fc.string({ unit: "grapheme", maxLength: 4 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    fc.nat(seedText.length - 1).chain((start) => fc.nat(12).map((length) => seedText.slice(start, start + length))),
    fc.constantFrom(
      " ",
      "　",
      "，",
      "'",
      "!",
      "^",
      "=",
      "|",
      "$",
      "…",
      "Ａ",
      "\u0301",
      "\u200d",
      "sam ",
      "dong",
      "shi",
      "hui",
    ),
  );
  return fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join("").slice(0, 200));
}

function rangesAreValid(ranges: readonly MatchRange[], length: number): boolean {
  let previousEnd = 0;
  for (const [start, end] of ranges) {
    if (!(start >= previousEnd && end > start && end <= length)) return false;
    previousEnd = end;
  }
  return true;
}

describe("search properties", () => {
  it("never throws, and every hit's ranges lie sorted inside its line", () => {
    let hitsSeen = 0;
    fc.assert(
      fc.property(queryText(), fc.option(queryText()), fc.integer({ min: -5, max: 200 }), (query, speaker, limit) => {
        const outcome = index.search(query, { speaker: speaker ?? undefined, limit });
        if (!outcome.ok) return ["empty", "too-long", "no-terms"].includes(outcome.error);
        expect(outcome.hits.length).toBeLessThanOrEqual(100);
        hitsSeen += outcome.hits.length;
        for (const hit of outcome.hits) expect(rangesAreValid(hit.ranges, hit.line.text.length)).toBe(true);
        return true;
      }),
      { numRuns: 400 },
    );
    // The ranges were checked on real hits, not only on empty results.
    expect(hitsSeen).toBeGreaterThan(0);
  });

  it("finds any stretch of a line that cuts no Latin word, as an exact match on top", () => {
    const lines = interview.lines;
    fc.assert(
      fc.property(
        fc.nat(lines.length - 1),
        fc.nat(200),
        fc.integer({ min: 2, max: 30 }),
        (lineIndex, offset, length) => {
          const text = lines[lineIndex]!.text;
          // Latin words match whole (a stretch starting inside "OpenAI" is not a match): widen it to whole words.
          const start = wordStartAt(text, offset % text.length);
          const query = text.slice(start, wordEndAt(text, start + length));
          const outcome = index.search(query);
          if (!outcome.ok) return true;
          // Only drops to nothing if the stretch was all punctuation; else the top hit holds it exactly.
          const top = outcome.hits[0];
          expect(top?.exact).toBe(true);
          // Out of context, a fragment may convert differently (么 → 幺): then it is matched as typed.
          const line = normalize(top?.line.text ?? "");
          expect(line.includes(normalize(query)) || line.includes(foldWithoutConversion(query))).toBe(true);
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never throws from findQuestions or findSpeakers", () => {
    fc.assert(
      fc.property(queryText(), fc.integer({ min: 0, max: 30 }), (query, limit) => {
        expect(index.findQuestions(interview, query, limit).length).toBeLessThanOrEqual(limit);
        expect(index.findSpeakers(query, limit).length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ranking policy properties", () => {
  /** Evidence a line could give: per term, held as written, by homophone, by a typo, or not at all. */
  const evidence: fc.Arbitrary<LineEvidence> = fc
    .record({
      phrase: fc.boolean(),
      pinyin: fc.constantFrom("none", "full", "prefix"),
      terms: fc.array(
        fc.record({
          value: fc.oneof(
            fc.constant(EXACT_VALUE),
            fc.constant(HOMOPHONE_VALUE),
            fc.double({ min: 0, max: 1, noNaN: true }).map(typoValue),
            fc.constant(0),
          ),
          weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      wholeWord: fc.boolean(),
      exactLength: fc.nat(300),
      lineLength: fc.nat(300),
    })
    .map(({ terms, ...rest }) => ({
      ...rest,
      termValue: terms.reduce((sum, term) => sum + term.weight * term.value, 0),
      termWeight: terms.reduce((sum, term) => sum + term.weight, 0),
      allTerms: terms.every((term) => term.value > 0),
    }));

  it("ranks a line of a higher tier above any line of a lower one", () => {
    let compared = 0;
    fc.assert(
      fc.property(evidence, evidence, (a, b) => {
        const [higher, lower] = TIERS.indexOf(tierOf(a)) <= TIERS.indexOf(tierOf(b)) ? [a, b] : [b, a];
        const lowerScore = scoreOf(lower);
        if (tierOf(higher) === tierOf(lower) || lowerScore === undefined) return;
        compared++;
        expect(scoreOf(higher)).toBeGreaterThan(lowerScore);
      }),
      { numRuns: 2000 },
    );
    expect(compared).toBeGreaterThan(0);
  });
});

describe("snippetAround properties", () => {
  const anyRange = fc.tuple(fc.integer({ min: -20, max: 260 }), fc.integer({ min: -20, max: 260 }));

  it("fits the limit, keeps ranges inside the snippet, and cuts no surrogate pair", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.array(anyRange, { maxLength: 6 }),
        fc.integer({ min: 0, max: 220 }),
        (text, ranges, maxLength) => {
          const snippet = snippetAround(text, ranges, maxLength);
          expect(snippet.text.length).toBeLessThanOrEqual(maxLength);
          expect(rangesAreValid(snippet.ranges, snippet.text.length)).toBe(true);
          // The text has no lone surrogate, so neither may any cut of it.
          expect(LONE_SURROGATE.test(snippet.text)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("shows the first match whenever it fits", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 200 }),
        fc.nat(199),
        fc.integer({ min: 1, max: 10 }),
        (text, at, length) => {
          const start = at % text.length;
          const end = Math.min(text.length, start + length);
          const snippet = snippetAround(text, [[start, end]], 100);
          const [shown] = snippet.ranges;
          expect(shown && snippet.text.slice(shown[0], shown[1])).toBe(text.slice(start, end));
        },
      ),
      { numRuns: 500 },
    );
  });
});

const LATIN = /[\p{Script=Latin}\p{N}]/u;

/** `at`, moved back to the start of the Latin word or number it is inside. */
function wordStartAt(text: string, at: number): number {
  while (at > 0 && LATIN.test(text.charAt(at - 1)) && LATIN.test(text.charAt(at))) at--;
  return at;
}

/** `at`, moved on to the end of the Latin word or number it is inside. */
function wordEndAt(text: string, at: number): number {
  at = Math.min(at, text.length);
  while (at < text.length && LATIN.test(text.charAt(at - 1)) && LATIN.test(text.charAt(at))) at++;
  return at;
}
