// From what a member typed to what the search looks for (src/search/query-plan.ts): the query refused with a reason,
// or its words planned as the phrase, the terms, the pinyin readings and where the words meet.
import { beforeEach, describe, expect, it } from "vitest";
import { PinyinLexicon } from "../src/search/pinyin.js";
import { parseQuery, planQuery, termTexts } from "../src/search/query-plan.js";
import { MAX_QUERY_LENGTH } from "../src/search/types.js";

let lexicon: PinyinLexicon;
beforeEach(() => {
  lexicon = PinyinLexicon.fromCodePoints([..."方案反感董事会"].map((char) => char.codePointAt(0)!));
});

describe("parseQuery", () => {
  it("refuses an empty, a too long and a punctuation-only query, each with its reason", () => {
    expect(parseQuery(" \t")).toEqual({ ok: false, error: "empty" });
    expect(parseQuery("董".repeat(MAX_QUERY_LENGTH + 1))).toEqual({ ok: false, error: "too-long" });
    expect(parseQuery("，。！")).toEqual({ ok: false, error: "no-terms" });
  });

  it("counts the length in characters: a hundred characters outside the Basic Multilingual Plane are allowed", () => {
    const astral = "𠀀".repeat(MAX_QUERY_LENGTH);
    expect(astral.length).toBe(2 * MAX_QUERY_LENGTH);
    expect(parseQuery(astral).ok).toBe(true);
    expect(parseQuery(`${astral}𠀀`)).toEqual({ ok: false, error: "too-long" });
    // Surrounding spaces do not count.
    expect(parseQuery(`  ${"董".repeat(MAX_QUERY_LENGTH)}  `).ok).toBe(true);
  });

  it("gives the normalised words and the query as typed, folded but not converted", () => {
    expect(parseQuery(" Sam 董事會 ")).toEqual({ ok: true, words: ["sam", "董事会"], typedPhrase: "sam董事會" });
  });
});

describe("planQuery", () => {
  it("joins the words into the phrase, and keeps the phrase as typed only when conversion changed it", () => {
    const converted = planQuery(["sam", "董事会"], lexicon, "sam董事會");
    expect(converted.phrase).toBe("sam董事会");
    expect(converted.phrases).toEqual(["sam董事会", "sam董事會"]);
    expect(planQuery(["sam", "董事会"], lexicon, "sam董事会").phrases).toEqual(["sam董事会"]);
    expect(planQuery(["sam", "董事会"], lexicon).phrases).toEqual(["sam董事会"]);
  });

  it("matches each distinct word once, up to eight of them", () => {
    expect(termTexts(planQuery(["a", "b", "a"], lexicon))).toEqual(["a", "b"]);
    const ten = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    const plan = planQuery(ten, lexicon);
    expect(termTexts(plan)).toEqual(ten.slice(0, 8));
    expect(plan.terms.every((term) => term.weight === 1)).toBe(true);
    // The phrase keeps every word.
    expect(plan.phrase).toBe(ten.join(""));
  });

  it("marks where two words meet in the phrase", () => {
    expect([...planQuery(["grand", "father", "clock"], lexicon).joins]).toEqual([5, 11]);
    expect([...planQuery(["grandfather"], lexicon).joins]).toEqual([]);
  });

  it("reads pinyin as the member split it (fang an is 方案, not also 反感)", () => {
    const shown = (words: string[]) =>
      planQuery(words, lexicon).pinyin?.readings.map((reading) =>
        reading.map((chars) => chars.map((code) => String.fromCodePoint(code)).join("")).join("|"),
      );
    expect(shown(["fang", "an"])).toEqual(["方|案"]);
    expect(shown(["fangan"])).toEqual(["方|案", "反|感"]);
    expect(planQuery(["董事会"], lexicon).pinyin).toBeUndefined();
  });

  it("lets the last word be a word still being typed, unless told otherwise", () => {
    expect(planQuery(["grandf"], lexicon).prefixable).toBe(true);
    expect(planQuery(["grandf"], lexicon, undefined, false).prefixable).toBe(false);
  });
});
