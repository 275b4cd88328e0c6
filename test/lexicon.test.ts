/**
 * The lexicon (issue 12): members' questions segmented with question and function words dropped, Chinese
 * synonyms, English ↔ Chinese through CC-CEDICT — checked against the seed transcript's own words — and the
 * generated data files matching what the pinned packages produce.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildLexicon } from "../scripts/lexicon/build.js";
import { pinyinProReadings } from "../scripts/lexicon/pinyin.js";
import { loadSeedInterviews } from "../testkit/corpus.js";
import { lexiconDataDir } from "../src/lexicon/data.js";
import {
  contentWords,
  countBefore,
  isCountable,
  digitsOf,
  isFunctionWord,
  pinyinReadingsOf,
  hyphenatedNumber,
  leadingNumber,
  partOfLargerNumber,
  segmentWords,
  spelledNumber,
  synonymsOf,
  translateChinese,
  translateEnglish,
} from "../src/lexicon/index.js";

const seed = readFileSync(new URL("../content/altman-all-in-2024-05.md", import.meta.url), "utf8");
const inSeed = (word: string): boolean => seed.includes(word);

describe("segmentWords / contentWords", () => {
  it("cuts the issue's questions into words and keeps only the words that carry the question", () => {
    expect(segmentWords("Sam被董事会辞退的原因")).toEqual(["Sam", "被", "董事会", "辞退", "的", "原因"]);
    expect(contentWords("Sam被董事会辞退的原因")).toEqual(["Sam", "董事会", "辞退"]);
    expect(contentWords("OpenAI做了什么")).toEqual(["OpenAI"]);
    expect(contentWords("为什么Sam被解雇？")).toEqual(["Sam", "解雇"]);
    expect(contentWords("Sam什么时候回到OpenAI")).toEqual(["Sam", "回到", "OpenAI"]);
    expect(contentWords("股票期权怎么分配")).toEqual(["股票", "期权", "分配"]);
    expect(contentWords("why was Sam fired")).toEqual(["Sam", "fired"]);
  });

  it("keeps Latin words and numbers whole and drops spaces and punctuation", () => {
    expect(segmentWords("GPT-5什么时候发布？")).toEqual(["GPT-5", "什么", "时候", "发布"]);
    expect(segmentWords("OpenAI's GPT-4o, co-founder Jony Ive")).toEqual([
      "OpenAI",
      "GPT-4o",
      "co-founder",
      "Jony",
      "Ive",
    ]);
    expect(segmentWords("ＧＰＴ－５　和ＯｐｅｎＡＩ的4.0版")).toEqual(["GPT-5", "和", "OpenAI", "的", "4.0", "版"]);
    expect(segmentWords("  ，。！ ")).toEqual([]);
  });
});

describe("isCountable", () => {
  it("knows what a count counts by jieba's part of speech: nouns, measure and time words", () => {
    expect(["人", "钱", "位", "天", "次", "年", "点", "岁", "小时", "国家"].every(isCountable)).toBe(true);
    // 几乎 "almost", 几何 "geometry"; particles; two words.
    expect(["乎", "何", "了", "的", "吗", "董事会开会"].some(isCountable)).toBe(false);
  });
});

describe("isFunctionWord", () => {
  it("knows question and function words in Chinese and English", () => {
    for (const w of [
      "的",
      "了",
      "被",
      "吗",
      "什么",
      "为什么",
      "怎么",
      "时候",
      "原因",
      "做",
      "what",
      "Why",
      "how",
      "when",
      "did",
      "the",
      "of",
      "don't",
    ]) {
      expect(isFunctionWord(w), w).toBe(true);
    }
  });

  it("leaves content words alone, including English ones a long stopword list would drop", () => {
    for (const w of [
      "董事会",
      "解雇",
      "辞退",
      "期权",
      "Sam",
      "fire",
      "fired",
      "board",
      "open",
      "ai",
      "world",
      "show",
      "run",
    ]) {
      expect(isFunctionWord(w), w).toBe(false);
    }
  });
});

describe("synonymsOf", () => {
  it("bridges 辞退 and 解雇 both ways", () => {
    expect(synonymsOf("辞退")).toContain("解雇");
    expect(synonymsOf("解雇")).toContain("辞退");
  });

  it("finds synonyms CC-CEDICT defines alike, and nothing for unknown words", () => {
    expect(synonymsOf("投资者")).toContain("投资人");
    expect(synonymsOf("投资人")).toContain("投资者");
    expect(synonymsOf("股份")).toContain("股票");
    expect(synonymsOf("不是一个词")).toEqual([]);
  });

  it("puts the synonyms the content has first when told what occurs", () => {
    expect(synonymsOf("辞退", { occurs: inSeed })[0]).toBe("解雇");
  });
});

describe("translateEnglish", () => {
  it.each([
    ["dismissed", ["解雇", "辞退"]],
    ["fired", ["解雇"]],
    ["shareholding", ["持股", "股份"]],
    ["airplane", ["飞机"]],
    ["investors", ["投资者", "投资人"]],
    ["stock options", ["期权", "股票"]],
    ["chief executive", ["首席执行官"]],
    ["board", ["董事会"]],
    ["board of directors", ["董事会"]],
    ["CEO", ["首席执行官"]],
    ["sold", ["出售"]],
  ])("%s → %j among the dictionary's answers", (term, expected) => {
    const result = translateEnglish(term);
    for (const word of expected) expect(result, term).toContain(word);
  });

  it("ranks the closest translations first", () => {
    expect(translateEnglish("airplane")[0]).toBe("飞机");
    expect(translateEnglish("investors").slice(0, 2)).toEqual(["投资者", "投资人"]);
    expect(translateEnglish("shareholding")[0]).toBe("持股");
    expect(translateEnglish("chief executive").slice(0, 3)).toContain("首席执行官");
    expect(translateEnglish("board of directors")[0]).toBe("董事会");
  });

  it("prefers the translations the seed transcript actually uses", () => {
    const first = (term: string) => translateEnglish(term, { occurs: inSeed })[0];
    expect(first("dismissed")).toBe("解雇");
    expect(first("fired")).toBe("解雇");
    expect(first("airplane")).toBe("飞机");
    expect(first("investors")).toBe("投资人");
    expect(first("stock options")).toBe("期权");
    expect(first("chief executive")).toBe("首席执行官");
    expect(["董事", "董事会"]).toContain(first("board"));
    expect(first("equity")).toBe("股权");
    for (const word of ["解雇", "飞机", "投资人", "期权", "首席执行官", "董事会", "股权"])
      expect(inSeed(word), word).toBe(true);
  });

  it("reads a compound's noun as a noun, and a word known as it stands not as a comparative", () => {
    // "dealmaker": deal (the noun sense of 交易 "to deal … deal") + maker, not "make" + -er.
    const dealmaker = translateEnglish("dealmaker", { limit: 40 });
    expect(dealmaker).toContain("交易");
    expect(dealmaker).not.toContain("制造");
    // "shareholding": share the noun (股份 "a share"), not the verb (分享 "to share").
    const shareholding = translateEnglish("shareholding", { limit: 40 });
    expect(shareholding).toContain("股份");
    expect(shareholding).not.toContain("分享");
    // "fundraising": raising stays a verb form (筹集 "to raise (funds)", which the seed says).
    expect(translateEnglish("fundraising", { occurs: inSeed, limit: 40 })).toContain("筹集");
  });

  it("offers a phrase's compound when the content has it, though the dictionary does not", () => {
    const occurs = (w: string) => ["股票期权", "期权"].includes(w);
    expect(translateEnglish("stock options", { occurs }).slice(0, 2)).toEqual(["股票期权", "期权"]);
    expect(translateEnglish("stock options")).not.toContain("股票期权");
  });

  it("offers the phrase word by word as the content writes it before the dictionary's own words for it", () => {
    // CC-CEDICT has "board member" (董事); the seed writes 董事会成员 (board + members).
    const boardMembers = translateEnglish("board members", { occurs: inSeed, directOnly: true });
    expect(boardMembers.slice(0, 2)).toEqual(["董事会成员", "董事"]);
    expect(translateEnglish("board members", { directOnly: true })).not.toContain("董事会成员");
  });

  it("gives single characters beside longer words only when asked (a count before one fixes its reading)", () => {
    expect(translateEnglish("people", { limit: 40 })).not.toContain("人");
    expect(translateEnglish("people", { limit: 40, characters: true })).toContain("人");
    expect(translateEnglish("years", { limit: 40, characters: true })).toContain("年");
  });

  it("returns nothing for nothing, and respects the limit", () => {
    expect(translateEnglish("")).toEqual([]);
    expect(translateEnglish("  !! ")).toEqual([]);
    expect(translateEnglish("board", { limit: 3 })).toHaveLength(3);
  });
});

describe("digitsOf", () => {
  it("writes an English number word in digits, as CC-CEDICT's numerals do, and nothing else", () => {
    expect(["seven", "seventy", "two", "eleven"].map(digitsOf)).toEqual(["7", "70", "2", "11"]);
    expect(digitsOf("board")).toBeUndefined();
    expect(digitsOf("trillion")).toBeUndefined();
    expect(digitsOf("xyzzy")).toBeUndefined();
  });
});

describe("spelledNumber", () => {
  it("spells digits in English and in Chinese numerals, 两 beside 二 where speech says it", () => {
    expect(spelledNumber("6")).toEqual({ english: ["six"], chinese: ["六"], shortYear: [] });
    // 一 is also the article (一个人, "a person"): 1 is not spelled in Chinese.
    expect(spelledNumber("1")).toEqual({ english: ["one"], chinese: [], shortYear: [] });
    expect(spelledNumber("2")).toEqual({ english: ["two"], chinese: ["二", "两"], shortYear: [] });
    expect(spelledNumber("15").chinese).toEqual(["十五"]);
    expect(spelledNumber("27")).toEqual({ english: ["twenty-seven"], chinese: ["二十七"], shortYear: [] });
    expect(spelledNumber("130").english).toEqual([
      "one hundred and thirty",
      "one hundred thirty",
      "a hundred and thirty",
      "a hundred thirty",
    ]);
    expect(spelledNumber("200")).toEqual({ english: ["two hundred"], chinese: ["二百", "两百"], shortYear: [] });
    expect(spelledNumber("105").chinese).toEqual(["一百零五"]);
    expect(spelledNumber("1050").chinese).toEqual(["一千零五十"]);
    expect(spelledNumber("10500").chinese).toEqual(["一万零五百"]);
    expect(spelledNumber("100000").chinese).toEqual(["十万"]);
    expect(spelledNumber("20000")).toEqual({ english: ["twenty thousand"], chinese: ["二万", "两万"], shortYear: [] });
  });

  it("reads a year as it is said, and the last two digits of one in the 1900s as speech shortens it", () => {
    expect(spelledNumber("1979")).toEqual({
      english: ["nineteen seventy-nine"],
      chinese: ["一千九百七十九", "一九七九"],
      shortYear: ["seventy-nine"],
    });
    expect(spelledNumber("1905").english).toEqual(["nineteen oh-five"]);
    expect(spelledNumber("2024")).toEqual({
      english: ["twenty twenty-four"],
      chinese: ["二千零二十四", "两千零二十四", "二〇二四", "二零二四"],
      shortYear: [],
    });
  });

  it("tells a number word that is only part of a larger number by the text around it", () => {
    expect(partOfLargerNumber("January of ", "-nine.")).toBe(true); // seventy-nine
    expect(partOfLargerNumber("", " hundred feet")).toBe(true);
    expect(partOfLargerNumber("a hundred and ", " feet")).toBe(true);
    expect(partOfLargerNumber("twenty-", " years")).toBe(true);
    expect(partOfLargerNumber("他十", "岁")).toBe(true);
    expect(partOfLargerNumber("孩子", "岁")).toBe(false);
    expect(partOfLargerNumber("For ", " years I kept")).toBe(false);
    expect(partOfLargerNumber("the ", "-year-old")).toBe(false);
  });

  it("tells the count a text ends with, where a unit follows: digits, numerals, English words", () => {
    expect(countBefore("董事会人数减少到六")).toBe("六");
    expect(countBefore("大约在下午 3 ")).toBe("3 ");
    expect(countBefore("He lived eleven ")).toBe("eleven ");
    expect(countBefore("For twenty-seven ")).toBe("twenty-seven ");
    expect(countBefore("有四百多")).toBe("四百多");
    expect(countBefore("十几")).toBe("十几");
    // Not a count: a lone 一 or "one" (also "alone", a pronoun), the end of another word, a model's number.
    expect(["我一", "no one ", "often ", "GPT-4 ", "some ", "第", ""].map(countBefore)).toEqual(
      Array.from({ length: 7 }, () => undefined),
    );
  });

  it("reads a hyphenated English number in digits, and nothing else", () => {
    expect(["twenty-seven", "Ninety-Nine", "thirty-one"].map(hyphenatedNumber)).toEqual(["27", "99", "31"]);
    expect(
      ["twenty", "twenty-ten", "one-two", "co-founder", "seventy-nine-x", "ten-one"].map(hyphenatedNumber),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it("reads a number in Chinese numerals at the start of a word, in digits", () => {
    expect(leadingNumber("三点")).toEqual({ digits: "3", rest: "点" });
    expect(leadingNumber("二十三")).toEqual({ digits: "23", rest: "" });
    expect(leadingNumber("十五")).toEqual({ digits: "15", rest: "" });
    expect(leadingNumber("一百五十块")).toEqual({ digits: "150", rest: "块" });
    expect(leadingNumber("三千零五")).toEqual({ digits: "3005", rest: "" });
    expect(leadingNumber("两个")).toEqual({ digits: "2", rest: "个" });
    expect(leadingNumber("一九七九")).toEqual({ digits: "1979", rest: "" });
    expect(leadingNumber("一千九百七十九")).toEqual({ digits: "1979", rest: "" });
    // 一些 "some", 一点 "a little", 五六 "five or six", and words that are no numbers.
    expect(["一些", "一点", "五六", "董事会", ""].map(leadingNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("spells nothing for a leading zero, a number past 99,999,999, or anything but digits", () => {
    const nothing = { english: [], chinese: [], shortYear: [] };
    expect(spelledNumber("007")).toEqual(nothing);
    expect(spelledNumber("100000000")).toEqual(nothing);
    expect(spelledNumber("4o")).toEqual(nothing);
    expect(spelledNumber("")).toEqual(nothing);
    expect(spelledNumber("99999999").chinese).toEqual(["九千九百九十九万九千九百九十九"]);
  });
});

describe("translateChinese", () => {
  it("gives CC-CEDICT's glosses, cleaned, main sense first", () => {
    expect(translateChinese("解雇")).toEqual(["fire", "sack", "dismiss", "terminate employment"]);
    expect(translateChinese("董事会")).toEqual(["board of directors"]);
    expect(translateChinese("首席执行官")).toEqual(["chief executive officer", "ceo"]);
    expect(translateChinese("不是一个词")).toEqual([]);
  });

  it("keeps the senses whose gloss quotes Chinese in parentheses, or is a person's name and years", () => {
    // "Asia (abbr. for 亞細亞洲|亚细亚洲[…])", "official website (abbr. for 官方網站|官方网站[…])"
    expect(translateChinese("亚洲")).toEqual(["asia"]);
    expect(translateChinese("官网")).toEqual(["official website"]);
    // "Donald Trump (1946–), American businessman …": the name is a sense of its own.
    expect(translateChinese("特朗普")[0]).toBe("donald trump");
    expect(translateEnglish("Olympics", { limit: 3 })).toContain("奥运会");
  });

  it('gives an entry that only points to another ("see 三輪車|三轮车") the other\'s senses', () => {
    expect(translateChinese("三轮")).toEqual(translateChinese("三轮车"));
    expect(translateChinese("三轮")).toContain("tricycle");
  });
});

describe("pinyinReadingsOf", () => {
  const readingsOf = (char: string) => pinyinReadingsOf(char.codePointAt(0)!);

  it("gives every reading of a polyphone, toneless, ü as v", () => {
    expect(readingsOf("行")).toEqual(expect.arrayContaining(["xing", "hang"]));
    expect(readingsOf("女")).toContain("nv");
    expect(readingsOf("董")).toEqual(["dong"]);
  });

  it("reads Han characters beyond U+FFFF and at both ends of the table", () => {
    expect(readingsOf("𠅤")).toEqual(["xi"]); // U+20164
    expect(readingsOf("〇")).toEqual(["ling"]); // U+3007, the table's first
    expect(readingsOf("𬺓")).toEqual(["chu"]); // U+2CE93, its last
  });

  it("gives nothing for characters that are not Han", () => {
    for (const char of ["a", "。", "😀", "ア"]) expect(readingsOf(char)).toEqual([]);
  });

  it("reads every character of the seed as pinyin-pro does", () => {
    const text = loadSeedInterviews()
      .flatMap((interview) => interview.lines.map((line) => line.text))
      .join("");
    const chars = [...new Set(text.match(/\p{Script=Han}/gu))];
    expect(chars.length).toBeGreaterThan(500);
    for (const char of chars) expect(readingsOf(char), char).toEqual(pinyinProReadings(char));
  });
});

describe("generated data", () => {
  it("is what `npm run build:lexicon` makes from the installed packages", { timeout: 120_000 }, () => {
    const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
    const files = buildLexicon();
    for (const name of Object.keys(files) as (keyof typeof files)[]) {
      expect(sha(readFileSync(join(lexiconDataDir(), name))), `${name} is stale: run npm run build:lexicon`).toBe(
        sha(files[name]),
      );
    }
  });
});
