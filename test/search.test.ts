/**
 * The search as members meet it, on the seed interview and synthetic ones: what a query finds and how it ranks,
 * the ranking policy on its own (a tier moved fails here), several interviews, and the helpers the commands use
 * (normalize, snippets, questions, speakers). Over 300 lines because these share the seed's index, built once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeSyntheticInterviews } from "../testkit/corpus.js";
import { loadContentDir } from "../src/content/load.js";
import type { Interview } from "../src/content/model.js";
import {
  buildSearchIndex,
  MAX_QUERY_LENGTH,
  normalize,
  normalizeWithMap,
  snippetAround,
  type SearchHit,
  type SearchIndex,
  type SearchOptions,
} from "../src/search/index.js";
import {
  byRank,
  coverageOf,
  EXACT_VALUE,
  HOMOPHONE_VALUE,
  scoreOf,
  tierOf,
  TIERS,
  typoValue,
  type LineEvidence,
  type Tier,
} from "../src/search/ranking.js";
import { measureQuality } from "../testkit/quality.js";
import { loadSeedQueries } from "../testkit/search-queries.js";

const labelledQueries = loadSeedQueries();

let interview: Interview;
let index: SearchIndex;

beforeAll(async () => {
  const { library, errors } = await loadContentDir("content");
  expect(errors).toEqual([]);
  interview = library.interviews[0]!;
  index = buildSearchIndex(library.interviews);
});

function hits(query: string, options?: SearchOptions): readonly SearchHit[] {
  const outcome = index.search(query, options);
  if (!outcome.ok) throw new Error(`"${query}" was refused: ${outcome.error}`);
  return outcome.hits;
}

function first(query: string, options?: SearchOptions): SearchHit {
  const hit = hits(query, options)[0];
  if (hit === undefined) throw new Error(`"${query}" found nothing`);
  return hit;
}

/** The highlighted parts of a hit, as the reply would bold them. */
function highlighted(hit: SearchHit): string[] {
  return hit.ranges.map(([start, end]) => hit.line.text.slice(start, end));
}

describe("search on the seed interview", () => {
  it("finds a simplified Chinese word and highlights it", () => {
    const hit = first("董事会");
    expect(hit.line.text).toContain("董事会");
    expect(hit.exact).toBe(true);
    expect(new Set(highlighted(hit))).toEqual(new Set(["董事会"]));
    expect(hit.interviewId).toBe("altman-all-in-2024-05");
  });

  it("finds simplified text from traditional characters, converting phrases (簡訊 → 短信)", () => {
    expect(first("董事會").line.number).toBe(first("董事会").line.number);
    const hit = first("簡訊");
    expect([6, 7, 8]).toContain(hit.line.number);
    expect(highlighted(hit)).toContain("短信");
    expect(first("晶片").line.text).toContain("芯片");
  });

  it("finds half-width text from full-width letters", () => {
    const hit = first("ＡＧＩ");
    expect(highlighted(hit)).toContain("AGI");
    expect(first("ＧＰＴ－４").line.number).toBe(35);
  });

  it("tolerates typos, ranking them below exact matches", () => {
    const typo = first("OpenAl");
    expect(typo.line.text).toContain("OpenAI");
    expect(typo.exact).toBe(false);
    expect(first("AGl").line.text).toContain("AGI");
    expect(first("DeepMnid").line.number).toBe(35);
    const results = hits("OpenAI");
    const firstFuzzy = results.findIndex((hit) => !hit.exact);
    expect(results.slice(0, firstFuzzy === -1 ? results.length : firstFuzzy).length).toBe(8);
  });

  it("matches Chinese homophone typos from pinyin keyboards (阴谋轮 → 阴谋论)", () => {
    const hit = first("阴谋轮");
    expect([26, 30]).toContain(hit.line.number);
    expect(highlighted(hit)).toContain("阴谋论");
  });

  it("finds Chinese from pinyin, with or without spaces and tone marks", () => {
    for (const query of ["dongshihui", "dong shi hui", "dǒngshìhuì", "DongShiHui"]) {
      const hit = first(query);
      expect(highlighted(hit), query).toContain("董事会");
    }
    expect(first("lasiweijiasi").line.number).toBe(6);
  });

  it("ranks lines holding every word of a two-word query first", () => {
    const results = hits("董事会 短信");
    expect(results.length).toBeGreaterThan(1);
    expect(results[0]?.line.number).toBe(8);
    expect(results[0]?.exact).toBe(true);
    expect(new Set(highlighted(results[0]!))).toEqual(new Set(["短信", "董事会"]));
    expect(results.slice(1).every((hit) => !(hit.line.text.includes("董事会") && hit.line.text.includes("短信")))).toBe(
      true,
    );
    expect(first("董事会 电话").line.number).toBeOneOf([8, 12]);
  });

  it("ignores whitespace between Chinese characters", () => {
    expect(first("董事 会").line.text).toContain("董事会");
  });

  it("narrows to a speaker named in the query", () => {
    const results = hits("sam 短信");
    expect(results.map((hit) => hit.line.number).sort()).toEqual([6, 8]);
    expect(results.every((hit) => hit.line.speaker === "sam Altman")).toBe(true);
    expect(hits("presenters 短信").map((hit) => hit.line.number)).toEqual([7]);
  });

  it("filters by speaker and interview options, matched like queries", () => {
    expect(
      hits("短信", { speaker: "ＳＡＭ altman" })
        .map((hit) => hit.line.number)
        .sort(),
    ).toEqual([6, 8]);
    const bySam = hits("短信", { speaker: "sam" });
    expect(bySam.length).toBeGreaterThan(0);
    expect(bySam.every((hit) => hit.line.speaker === "sam Altman")).toBe(true);
    expect(hits("短信", { speaker: "nobody" })).toEqual([]);
    expect(hits("短信", { interviewId: "altman-all-in-2024-05" })).toHaveLength(3);
    expect(hits("短信", { interviewId: "no-such-interview" })).toEqual([]);
    expect(hits("董事会", { limit: 2 })).toHaveLength(2);
  });

  it("finds English words, whatever their case", () => {
    expect(first("DeepMind").line.number).toBe(35);
    const zoom = first("zoom");
    expect(zoom.line.number).toBe(39);
    expect(highlighted(zoom)).toEqual(["Zoom", "Zoom"]);
  });

  it("finds a long phrase, also with a character left out", () => {
    const exact = first("我是在拉斯维加斯的一家酒店房间里度过周末的时候得知的");
    expect(exact.line.number).toBe(6);
    expect(exact.exact).toBe(true);
    const near = first("我在拉斯维加斯的一家酒店房间里度过周末");
    expect(near.line.number).toBe(6);
    expect(near.exact).toBe(false);
  });

  it("finds a single character", () => {
    expect(first("钱").line.number).toBe(26);
  });

  it("finds nothing for nonsense, and offers suggestions when it can", () => {
    for (const query of ["xyzzy", "葡萄干布丁", "qwertyuiop"]) {
      const outcome = index.search(query);
      expect(outcome.ok && outcome.hits, query).toEqual([]);
    }
    const outcome = index.search("GPT-5");
    expect(outcome.ok && outcome.hits).toEqual([]);
    expect(outcome.ok && outcome.suggestions).toContain("GPT-4");
    // ChatGPT is in the summaries, in no line of the transcript: a suggestion must lead to a line.
    const summaryOnly = index.search("ChatGTP");
    expect(summaryOnly.ok && summaryOnly).toMatchObject({ hits: [], suggestions: [] });
  });

  it("returns error values for empty, too long and punctuation-only queries", () => {
    expect(index.search("")).toEqual({ ok: false, error: "empty" });
    expect(index.search("   \n\t")).toEqual({ ok: false, error: "empty" });
    expect(index.search("董".repeat(MAX_QUERY_LENGTH + 1))).toEqual({ ok: false, error: "too-long" });
    expect(index.search("董".repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
    expect(index.search("。，！？…… --- !!!")).toEqual({ ok: false, error: "no-terms" });
    expect(index.search("🎉🎉")).toEqual({ ok: false, error: "no-terms" });
  });

  it("treats query text as text, never as a pattern", () => {
    expect(first("'董事会").line.text).toContain("董事会");
    expect(first("^董事会$").line.text).toContain("董事会");
    expect(first("!董事会?").line.text).toContain("董事会");
    // A word no line holds is not silently dropped: the query has no match, rather than a weak one.
    expect(hits("!xyzzy 董事会")).toEqual([]);
    expect(index.search(".*").ok).toBe(false);
    expect(index.search("(a+)+$").ok).toBe(true);
  });

  it("gives sorted, non-overlapping ranges inside the original text, never inside a surrogate pair", () => {
    expect(labelledQueries.length).toBeGreaterThan(0);
    for (const { query, expected } of labelledQueries) {
      const found = hits(query);
      // Every query with a right answer finds something, and every hit highlights something — except the answer
      // shown after a matching question, which follows that question among the hits.
      if (expected.length > 0) expect(found.length, query).toBeGreaterThan(0);
      for (const hit of found) {
        if (hit.answerTo === undefined) expect(hit.ranges.length, query).toBeGreaterThan(0);
        else
          expect(
            found.map((other) => other.line.number),
            query,
          ).toContain(hit.answerTo);
        let previousEnd = 0;
        for (const [start, end] of hit.ranges) {
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(hit.line.text.length);
          previousEnd = end;
        }
      }
    }
  });

  it("meets the quality targets on the labelled query set", () => {
    const report = measureQuality(labelledQueries, (query) => {
      const outcome = index.search(query);
      return outcome.ok ? outcome.hits.map((hit) => hit.line.number) : [];
    });
    expect(report.misses).toEqual([]);
    expect(report.precisionAt1).toBeGreaterThanOrEqual(0.95);
    expect(report.recallAt3).toBeGreaterThanOrEqual(0.95);
  });
});

describe("ranking on the seed interview", () => {
  /** The hits' line numbers, best first. */
  const order = (query: string): number[] => hits(query).map((hit) => hit.line.number);

  it("puts the phrase first, then lines holding every word apart, then lines holding some (我们 需要)", () => {
    const kinds = hits("我们 需要").map((hit) => {
      const text = normalize(hit.line.text);
      if (text.includes("我们需要")) return 2;
      return text.includes("我们") && text.includes("需要") ? 1 : 0;
    });
    expect(kinds[0]).toBe(2);
    expect(new Set(kinds)).toEqual(new Set([2, 1, 0]));
    expect(kinds).toEqual([...kinds].sort((a, b) => b - a));
  });

  it("ranks a line holding every word, even only by typos, above a line holding one exactly (完全正确 董事们)", () => {
    // Line 16 has 完全…正确 and 董事会 (near both words); line 25 is just 完全正确.
    const lines = order("完全正确 董事们");
    expect(lines[0]).toBe(16);
    expect(lines).toContain(25);
  });

  it("finds lines by a pinyin reading, never by scattered letters of it (xin ren → 信任)", () => {
    const found = hits("xin ren");
    expect(found[0]?.line.number).toBe(28);
    expect(highlighted(found[0]!)).toContain("信任");
    // Before whole-word matching, Latin lines sharing letters with "xin ren" came after it as typo matches.
    for (const hit of found) for (const text of highlighted(hit)) expect(text).toMatch(/^\p{Script=Han}+$/u);
  });

  it("completes a reading being typed from a prefix (mingq → 明确), and matches no scattered letters", () => {
    const found = hits("mingq");
    // Line 18 asks a question: the answer it got (19) follows it.
    expect(found.map((hit) => [hit.line.number, hit.answerTo])).toEqual([
      [18, undefined],
      [19, 18],
    ]);
    expect(highlighted(found[0]!)).toContain("明确");
  });

  it("ranks a homophone above a typo (阴谋轮: 阴谋论 in lines 26 and 30 above 阴谋 in line 3)", () => {
    const lines = order("阴谋轮");
    expect(lines).toEqual(expect.arrayContaining([3, 26, 30]));
    expect(lines.indexOf(3)).toBeGreaterThan(Math.max(lines.indexOf(26), lines.indexOf(30)));
  });
});

describe("ranking policy", () => {
  const line = (evidence: Partial<LineEvidence>): LineEvidence => ({
    phrase: false,
    pinyin: "none",
    termValue: 1,
    termWeight: 1,
    allTerms: true,
    wholeWord: false,
    exactLength: 2,
    lineLength: 40,
    ...evidence,
  });
  /** The best and the worst line each tier can hold. */
  const extremes: Record<Tier, { best: LineEvidence; worst: LineEvidence }> = {
    phrase: {
      best: line({ phrase: true, pinyin: "full", wholeWord: true, exactLength: 40 }),
      worst: line({ phrase: true, termValue: 0, allTerms: false, exactLength: 1, lineLength: 10_000 }),
    },
    pinyin: {
      best: line({ pinyin: "full", wholeWord: true, exactLength: 40 }),
      worst: line({ pinyin: "full", termValue: 0, allTerms: false, exactLength: 0 }),
    },
    pinyinPrefix: {
      best: line({ pinyin: "prefix", wholeWord: true, exactLength: 40 }),
      worst: line({ pinyin: "prefix", termValue: 0, allTerms: false, exactLength: 0 }),
    },
    allTerms: {
      best: line({ wholeWord: true, exactLength: 40 }),
      worst: line({ termValue: typoValue(0.99) * 8, termWeight: 8, exactLength: 0 }),
    },
    someTerms: {
      best: line({ termValue: 7, termWeight: 8, allTerms: false, wholeWord: true, exactLength: 40 }),
      worst: line({ termValue: typoValue(0.99), termWeight: 8, allTerms: false, exactLength: 0 }),
    },
  };

  it("has five tiers, each line in the one its evidence says", () => {
    expect(TIERS).toEqual(["phrase", "pinyin", "pinyinPrefix", "allTerms", "someTerms"]);
    for (const tier of TIERS) {
      expect(tierOf(extremes[tier].best)).toBe(tier);
      expect(tierOf(extremes[tier].worst)).toBe(tier);
    }
  });

  it("puts the worst line of each tier above the best line of the tier below", () => {
    TIERS.slice(1).forEach((lower, index) => {
      const higher = TIERS[index]!;
      expect(scoreOf(extremes[higher].worst), `${higher} over ${lower}`).toBeGreaterThan(
        scoreOf(extremes[lower].best) ?? Number.NaN,
      );
    });
  });

  it("values a term as written above a homophone, a homophone above any typo, and a typo above nothing", () => {
    expect(EXACT_VALUE).toBe(1);
    expect(HOMOPHONE_VALUE).toBeLessThan(EXACT_VALUE);
    expect(typoValue(0)).toBeLessThan(HOMOPHONE_VALUE);
    expect(typoValue(0.5)).toBeLessThan(typoValue(0.1));
    expect(typoValue(0.99)).toBeGreaterThan(0);
  });

  it("measures coverage as the weighted share of terms held: 1 with the phrase, at least 0.9 by pinyin", () => {
    expect(coverageOf(line({ termValue: 3, termWeight: 4 }))).toBe(0.75);
    expect(coverageOf(line({ phrase: true, termValue: 0 }))).toBe(1);
    expect(coverageOf(line({ pinyin: "full", termValue: 0, allTerms: false }))).toBe(0.9);
    expect(coverageOf(line({ pinyin: "prefix", termValue: 1 }))).toBe(1);
  });

  it("lets coverage decide within a tier, then a whole Latin word, then how much of the line the query covers", () => {
    const score = (evidence: Partial<LineEvidence>): number =>
      scoreOf(line({ allTerms: false, termWeight: 8, ...evidence })) ?? Number.NaN;
    // One term more (of up to eight) outweighs every tie-break.
    expect(score({ termValue: 7 })).toBeGreaterThan(score({ termValue: 6, wholeWord: true, exactLength: 40 }));
    expect(score({ termValue: 6, wholeWord: true })).toBeGreaterThan(score({ termValue: 6, exactLength: 40 }));
    expect(score({ termValue: 6, exactLength: 20 })).toBeGreaterThan(score({ termValue: 6, exactLength: 10 }));
  });

  it("gives a line holding nothing of the query no score", () => {
    expect(scoreOf(line({ termValue: 0, allTerms: false }))).toBeUndefined();
    // Nor a line lacking a Latin word of an English query, whatever else it holds.
    expect(scoreOf(line({ termValue: 1, termWeight: 2, allTerms: false, missingLatinWord: true }))).toBeUndefined();
    expect(scoreOf(line({ termValue: 1, termWeight: 2, allTerms: false, missingLatinWord: false }))).toBeGreaterThan(0);
    expect(scoreOf(line({ phrase: true, allTerms: false, missingLatinWord: true }))).toBeGreaterThan(0);
    expect(scoreOf(line({ termValue: 0, allTerms: false, pinyin: "prefix" }))).toBeGreaterThan(0);
  });

  it("orders by score, then by line", () => {
    const ranked = [
      { line: 3, score: 1 },
      { line: 1, score: 2 },
      { line: 2, score: 1 },
    ].sort(byRank);
    expect(ranked.map((entry) => entry.line)).toEqual([1, 2, 3]);
  });
});

describe("search over several interviews", () => {
  it("scopes to one interview and reports which interview a line is from", async () => {
    const { library } = await loadContentDir("content");
    const synthetic = makeSyntheticInterviews(80);
    const combined = buildSearchIndex([...library.interviews, ...synthetic]);
    const everywhere = combined.search("董事会", { limit: 100 });
    expect(everywhere.ok && new Set(everywhere.hits.map((hit) => hit.interviewId)).size).toBeGreaterThan(1);
    const scoped = combined.search("董事会", { interviewId: synthetic[0]?.id, limit: 100 });
    expect(scoped.ok && scoped.hits.length).toBeGreaterThan(0);
    expect(scoped.ok && scoped.hits.every((hit) => hit.interviewId === synthetic[0]?.id)).toBe(true);
  });
});

describe("normalize", () => {
  it("folds width, case and script, and drops spacing and punctuation", () => {
    expect(normalize("ＯｐｅｎＡＩ 的 董事會，簡訊！")).toBe("openai的董事会短信");
    expect(normalize("GPT-4")).toBe(normalize("ＧＰＴ－４"));
  });

  it("maps every normalised unit back into the original text", () => {
    const original = "我收到了一條簡訊…… Ｚｏｏｍ！";
    const { text, sourceStart, sourceEnd } = normalizeWithMap(original);
    expect(text).toBe("我收到了一条短信zoom");
    const at = text.indexOf("短信");
    expect(original.slice(sourceStart[at], sourceEnd[at + 1])).toBe("簡訊");
    const zoom = text.indexOf("zoom");
    expect(original.slice(sourceStart[zoom], sourceEnd[zoom + 3])).toBe("Ｚｏｏｍ");
  });
});

describe("snippetAround", () => {
  const long = `${"前".repeat(120)}短信${"后".repeat(120)}`;
  const match = [[120, 122]] as const;

  it("cuts a window around the first match, with ellipses, within the limit", () => {
    const snippet = snippetAround(long, match, 100);
    expect(snippet.text.length).toBeLessThanOrEqual(100);
    expect(snippet.text.startsWith("…")).toBe(true);
    expect(snippet.text.endsWith("…")).toBe(true);
    const [range] = snippet.ranges;
    expect(range && snippet.text.slice(range[0], range[1])).toBe("短信");
  });

  it("keeps short text as it is, and starts at the beginning without a match", () => {
    expect(snippetAround("短信", [[0, 2]], 100)).toEqual({ text: "短信", ranges: [[0, 2]] });
    const snippet = snippetAround(long, [], 20);
    expect(snippet.text).toBe(`${"前".repeat(19)}…`);
    expect(snippet.ranges).toEqual([]);
  });

  it("shows the end of the text when the match is there", () => {
    const snippet = snippetAround(long, [[long.length - 2, long.length]], 30);
    expect(snippet.text.length).toBe(30);
    expect(snippet.text.startsWith("…")).toBe(true);
    expect(snippet.text.endsWith("后后")).toBe(true);
    expect(snippet.ranges).toEqual([[28, 30]]);
  });

  it("never splits a surrogate pair", () => {
    const emoji = "😀".repeat(100);
    for (let max = 0; max <= 60; max++) {
      for (const focus of [0, 50, 100, 198]) {
        const snippet = snippetAround(emoji, [[focus, focus + 2]], max);
        expect(snippet.text.length).toBeLessThanOrEqual(max);
        expect(snippet.text.replace(/…/g, "")).toMatch(/^(?:😀)*$/u);
      }
    }
  });

  it("clips ranges to what it shows, and survives odd ranges and limits", () => {
    const snippet = snippetAround(
      long,
      [
        [0, 5],
        [120, 122],
        [230, 400],
        [50, 10],
      ],
      40,
    );
    expect(snippet.ranges.length).toBeGreaterThan(0);
    for (const [start, end] of snippet.ranges) {
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeLessThanOrEqual(snippet.text.length);
    }
    expect(snippetAround(long, match, 0)).toEqual({ text: "", ranges: [] });
    expect(snippetAround(long, match, 1).text).toBe("…");
    expect(snippetAround(long, match, Number.NaN).text).toBe("");
  });
});

describe("findQuestions", () => {
  it("lists every question for an empty query", () => {
    expect(index.findQuestions(interview, "").map((match) => match.question.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it("finds a question by number, also as Q3 or 问题3, offering longer numbers being typed", () => {
    expect(index.findQuestions(interview, "3")[0]?.question.number).toBe(3);
    expect(index.findQuestions(interview, "Q3")[0]?.question.number).toBe(3);
    expect(index.findQuestions(interview, "问题３")[0]?.question.number).toBe(3);
    expect(index.findQuestions(interview, "1").map((match) => match.question.number)).toEqual([1, 10, 11]);
  });

  it("finds a question by words of its title, typos and traditional characters included", () => {
    expect(index.findQuestions(interview, "芯片")[0]?.question.number).toBe(4);
    expect(index.findQuestions(interview, "監管")[0]?.question.number).toBe(10);
    expect([3, 5]).toContain(index.findQuestions(interview, "ChatGTP")[0]?.question.number);
    expect(index.findQuestions(interview, "xyzzy")).toEqual([]);
  });
});

describe("findSpeakers", () => {
  it("lists every speaker for an empty query, and matches names by prefix, word or width", () => {
    expect(new Set(index.findSpeakers(""))).toEqual(new Set(["presenters", "sam Altman"]));
    expect(index.findSpeakers("sam")).toEqual(["sam Altman"]);
    expect(index.findSpeakers("ALT")).toEqual(["sam Altman"]);
    expect(index.findSpeakers("ｐｒｅｓ")).toEqual(["presenters"]);
    expect(index.findSpeakers("zz")).toEqual([]);
    expect(index.findSpeakers("", 1)).toHaveLength(1);
  });
});
