// The second reading of a query (src/search/concepts.ts, src/search/understood.ts): a query read as the concepts a
// member means — words, synonyms, translations, speakers named — each weighted by its rarity, and lines scored by
// the concepts they hold, with the answer to a matching question put right above it. Over 300 lines because the
// unit tests of both files share one small content model (below).
import { beforeEach, describe, expect, it } from "vitest";
import { conceptsOf, type Concept, type ContentStatistics } from "../src/search/concepts.js";
import { answerTo, understoodHits } from "../src/search/understood.js";
import { IndexedLines, prepareSearchIndex } from "../src/search/index-data.js";
import { interviewSaying } from "../testkit/corpus.js";
import type { LineScope } from "../src/search/gram-index.js";
import { everywhereIn, indexedLines } from "./search-lines.js";

/** Content of 100 lines holding these normalised words in so many lines; "sam" names speaker 1 (40 lines). */
const content: ContentStatistics = {
  lineCount: 100,
  linesWith: (text) => ({ 董事会: 3, 解雇: 2, 投资: 4, sam: 5, 短信: 2, 设备: 1, 混乱: 1, 坦诚: 1 })[text] ?? 0,
  linesWithCountBefore: () => 0,
  speakersNamed: (word) =>
    word === "sam" ? { speakers: [1], lines: 40 } : word === "presenters" ? { speakers: [0], lines: 30 } : none,
  namesSoundingLike: () => [],
};
const none = { speakers: [], lines: 0 };

/** The same content, but holding only `held` (one line each). */
function holding(...held: string[]): ContentStatistics {
  return { ...content, linesWith: (text) => (held.includes(text) ? 1 : 0) };
}

/** Each concept as its word, then its alternatives as `text:value`. */
function read(query: string): string[][] {
  return conceptsOf(query, content).concepts.map((concept) => [
    concept.word,
    ...concept.alternatives.map(({ text, value }) => `${text}:${value}`),
  ]);
}

function concept(query: string, word: string): Concept {
  const found = conceptsOf(query, content).concepts.find((each) => each.word === word);
  if (found === undefined) throw new Error(`no concept ${word} in ${query}`);
  return found;
}

describe("conceptsOf", () => {
  it("drops question and function words, and tells a question from keywords", () => {
    const question = conceptsOf("Sam被董事会辞退的原因", content);
    expect(question.concepts.map((each) => each.word)).toEqual(["Sam", "董事会", "辞退"]);
    expect(question.phrased).toBe(true);
    const keywords = conceptsOf("董事会 短信", content);
    expect(keywords.concepts.map((each) => each.word)).toEqual(["董事会", "短信"]);
    expect(keywords.phrased).toBe(false);
    expect(conceptsOf("的了吗", content).concepts).toEqual([]);
  });

  it("reads “how many”, “how much”, “how long” as the question, as it reads 几, 多少 and 多久", () => {
    const words = (query: string): string[] => conceptsOf(query, content).concepts.map((each) => each.word);
    expect(words("How much did Sam invest")).toEqual(["Sam", "invest"]);
    expect(words("how many people were on the board")).toEqual(["people", "board"]);
    expect(words("how long did the chaos last")).toEqual(["chaos", "last"]);
    expect(words("董事会有多少人")).toEqual(["董事会"]);
    // Without "how" they are words like any other: a long text, much chaos.
    expect(words("long text")).toEqual(["long", "text"]);
    expect(words("much chaos")).toEqual(["much", "chaos"]);
  });

  it("keeps of each word the forms the content holds: as typed, synonyms, translations, parts of a compound", () => {
    expect(read("董事会")).toEqual([["董事会", "董事会:1"]]);
    expect(read("辞退")).toEqual([["辞退", "解雇:0.85"]]);
    expect(read("dismissed")).toEqual([["dismissed", "解雇:0.9"]]);
    expect(read("投资者")).toEqual([["投资者", "投资:0.7"]]);
    // Through English and back: 消息 "message" → 短信 "text message"; 炒鱿鱼 "to fire" → 解雇.
    expect(read("消息")).toEqual([["消息", "短信:0.75"]]);
    expect(read("炒鱿鱼")).toEqual([["炒鱿鱼", "解雇:0.85"]]);
    // Another word of the family (candor → candid), a synonym of a translation (chaos → 紊乱 → 混乱).
    expect(read("candor")).toEqual([["candor", "坦诚:0.8"]]);
    expect(read("chaos")).toEqual([["chaos", "混乱:0.75"]]);
    // The head of a compound the word translates to (device → 移动设备 "mobile device" → 设备).
    expect(read("device")).toEqual([["device", "设备:0.7"]]);
    // Nothing the content holds: no alternative at all.
    expect(read("火星")).toEqual([["火星"]]);
  });

  it("keeps an English phrase the content holds a translation of as one concept, else reads its words", () => {
    const chief = conceptsOf("chief executive", holding("首席执行官")).concepts;
    expect(chief.map((each) => each.word)).toEqual(["chief executive"]);
    expect(chief[0]!.alternatives).toEqual([{ text: "首席执行官", value: 0.9 }]);
    const words = (query: string, statistics: ContentStatistics) =>
      conceptsOf(query, statistics).concepts.map((each) => each.word);
    // Each word has a translation in the content, the term has none: read word by word.
    expect(words("chief executive", holding("首席", "行政"))).toEqual(["chief", "executive"]);
    // One word has none: the term stays whole, and is not read as its other word (a chief who is not an executive).
    const whole = conceptsOf("chief executive", holding("首席")).concepts;
    expect(whole.map((each) => each.word)).toEqual(["chief executive"]);
    expect(whole[0]!.alternatives).toEqual([]);
    // A run the dictionary does not have whole is always read word by word.
    expect(words("AI safety", holding())).toEqual(["AI", "safety"]);
  });

  it("reads a Latin word the content has no translation of as a name written by sound: capitalised, or no English word", () => {
    const sounding: ContentStatistics = {
      ...content,
      linesWith: (text) => (text === "格兰德" ? 1 : 0),
      namesSoundingLike: () => ["格兰德"],
    };
    const alternatives = (query: string) =>
      conceptsOf(query, sounding).concepts[0]?.alternatives.map(({ text, value }) => `${text}:${value}`);
    expect(alternatives("Grand")).toEqual(["格兰德:0.8"]);
    expect(alternatives("grand")).toEqual([]);
    expect(alternatives("grnd")).toEqual(["格兰德:0.8"]);
  });

  it("takes as a compound's part only a dictionary word", () => {
    // 资者 ends 投资者 and stands in the content, but is no word.
    const parts = holding("投资", "资者");
    expect(conceptsOf("投资者", parts).concepts[0]?.alternatives).toEqual([{ text: "投资", value: 0.7 }]);
  });

  it("reads a two-character word as the one character whose first sense is the word's", () => {
    const alternatives = (word: string, ...held: string[]) =>
      conceptsOf(word, holding(...held)).concepts[0]?.alternatives.map(({ text }) => text);
    // 烫伤 "scald" → 烫 "scald; burn"; 伤 "injury" is another word.
    expect(alternatives("烫伤", "烫", "伤")).toEqual(["烫"]);
    expect(alternatives("家里", "家")).toEqual(["家"]);
    // 开源 "open source" is neither 开 "open" nor 源 "source"; 算力 "computing power" is not 力 "power".
    expect(alternatives("开源", "开", "源")).toEqual([]);
    expect(alternatives("算力", "力")).toEqual([]);
  });

  it("reads an English word through another of its family when its own translations miss", () => {
    // Content holding `word` only: what the concept finds is that word, reached through the family.
    const family = (query: string, word: string) =>
      conceptsOf(query, holding(word)).concepts[0]?.alternatives.map(({ text, value }) => `${text}:${value}`);
    for (const [query, word] of [
      ["organization", "组建"], // organize
      ["coordination", "协调"], // coordinate
      ["preparation", "配制"], // prepare
      ["information", "报告"], // inform
      ["happiness", "高兴"], // happy
      ["darkness", "暗淡"], // dark
      ["possibility", "有可能"], // possible
      ["stupidity", "愚蠢"], // stupid
      ["purity", "纯洁"], // pure
      ["development", "开展"], // develop
      ["behaviour", "品行"], // behavior
      ["organize", "机构"], // organization
      ["coordinate", "协作"], // coordination
    ] as const) {
      expect(family(query, word), query).toEqual([`${word}:0.8`]);
    }
    // A word hardly longer than the suffix is no derivation: ability is not "able".
    expect(family("ability", "有能力")).toEqual([]);
  });

  it("weighs a concept by its rarity, a missing Chinese word less, a missing Latin word most", () => {
    const board = concept("董事会 短信", "董事会").weight; // in 3 lines
    const texts = concept("董事会 短信", "短信").weight; // in 2
    expect(texts).toBeGreaterThan(board);
    // Inverse document frequency: ln(1 + (lines + 1) / (lines holding it + 0.5)).
    expect(board).toBeCloseTo(Math.log(1 + 101 / 3.5));
    const latin = concept("GPT-5什么时候发布", "GPT-5").weight;
    const chinese = concept("GPT-5什么时候发布", "发布").weight;
    expect(latin).toBeCloseTo(Math.log(1 + 101 / 0.5));
    expect(chinese / latin).toBeCloseTo(0.3);
  });

  it('weighs the noun a "what …" question asks for at half: the answer seldom says it', () => {
    const both = holding("董事会", "关系");
    const asked = conceptsOf("这跟董事会有什么关系", both).concepts;
    const keywords = conceptsOf("董事会 关系", both).concepts;
    expect(asked.map((each) => each.word)).toEqual(["董事会", "关系"]);
    expect(asked[1]!.weight / keywords[1]!.weight).toBeCloseTo(0.5);
    expect(asked[0]!.weight).toBeCloseTo(keywords[0]!.weight);
    // 什么时候 ("when") is one word, not 什么 + a noun.
    expect(concept("董事会什么时候开会", "开会").weight).toBeCloseTo(concept("董事会 开会", "开会").weight);
  });

  it("knows a word naming a speaker, as written or through its meaning, and weighs it by their lines", () => {
    const sam = concept("Sam被董事会辞退的原因", "Sam");
    expect(sam.speakers).toEqual([1]);
    // Sam speaks 40 lines, more than the 5 holding "sam".
    expect(sam.weight).toBeCloseTo(Math.log(1 + 101 / 40.5));
    expect(concept("主持人说了什么", "主持人").speakers).toEqual([0]);
    expect(concept("董事会 短信", "短信").speakers).toEqual([]);
  });

  it("reads at most eight concepts", () => {
    const query = "董事会 短信 投资 解雇 设备 混乱 坦诚 火星 月亮 太阳";
    expect(conceptsOf(query, content).concepts.map((each) => each.word)).toEqual([
      "董事会",
      "短信",
      "投资",
      "解雇",
      "设备",
      "混乱",
      "坦诚",
      "火星",
    ]);
  });
});

/** The hits' lines, best first, each with what it highlights and the question it answers. */
function understoodIn(lines: IndexedLines, query: string, scope: LineScope = everywhereIn(lines), limit = 10) {
  return understoodHits(lines, query, scope, limit).map((hit) => ({
    line: hit.line,
    shows: hit.ranges.map(([start, end]) => lines.textOf(hit.line).slice(start, end)),
    answerTo: hit.answerTo,
  }));
}

describe("numbers typed in digits", () => {
  it("find them spelled out as words in a row, in English or in Chinese numerals, never inside other words", () => {
    const spelled = indexedLines(
      ["Guest", "For twenty-seven years I kept the light."], // 0
      ["Guest", "It was seventy years old, and seven men built it."], // 1
      ["Guest", "The worst gale was in January of seventy-nine."], // 2
      ["sam Altman", "董事会人数减少到六个人。"], // 3
      ["Guest", "一晚上一百五十块，包早饭。"], // 4
      ["Guest", "他十六岁就离开了家。"], // 5
      ["Guest", "那年孩子六岁。"], // 6
      ["sam Altman", "大约在下午 3 点左右上了飞机。"], // 7
      ["Guest", "I waited twenty-three days, and 13 more."], // 8
      ["Guest", "只睡了 10 分钟。"], // 9
    );
    const first = (query: string) => understoodIn(spelled, query, everywhereIn(spelled), 10)[0];
    expect(first("27 years")).toEqual({ line: 0, shows: ["twentyseven", "years"], answerTo: undefined });
    expect(first("6个人")).toEqual({ line: 3, shows: ["六", "个人"], answerTo: undefined });
    expect(first("150块")).toEqual({ line: 4, shows: ["一百五十", "块"], answerTo: undefined });
    // A year as speech shortens it, and a number word is whole: 7 is not the "seven" of "seventy".
    expect(first("1979")).toEqual({ line: 2, shows: ["seventynine"], answerTo: undefined });
    expect(first("7 men")).toEqual({ line: 1, shows: ["seven", "men"], answerTo: undefined });
    expect(understoodIn(spelled, "70", everywhereIn(spelled), 10).map((hit) => hit.line)).toEqual([1]);
    // Numerals typed find digits, and English words: 三点 → 3 点, 二十三 → twenty-three (not the 3 of 13).
    expect(first("三点")).toEqual({ line: 7, shows: ["3点"], answerTo: undefined });
    expect(first("二十三")).toEqual({ line: 8, shows: ["twentythree"], answerTo: undefined });
    expect(understoodIn(spelled, "3", everywhereIn(spelled), 10).map((hit) => hit.line)).toEqual([7]);
    // 十分 is "very", a word of its own: not 10 分.
    expect(understoodIn(spelled, "十分", everywhereIn(spelled), 10)).toEqual([]);
    // 六 of 十六 is sixteen, not six.
    expect(understoodIn(spelled, "6岁", everywhereIn(spelled), 10).slice(0, 2)).toEqual([
      { line: 6, shows: ["六", "岁"], answerTo: undefined },
      { line: 5, shows: ["岁"], answerTo: undefined },
    ]);
  });
});

describe("an English number typed as a word", () => {
  it("finds it in digits and in Chinese numerals, a hyphenated compound too", () => {
    const chinese = indexedLines(
      ["Guest", "他们在海上漂了二十七天。"], // 0
      ["Guest", "电话是 27 号打来的。"], // 1
      ["Guest", "一共六个人。"], // 2
    );
    const lines = (query: string) => understoodIn(chinese, query, everywhereIn(chinese), 10).map((hit) => hit.shows);
    expect(lines("twenty-seven")).toEqual([["27"], ["二十七"]]);
    expect(lines("six")).toEqual([["六"]]);
  });
});

describe("questions that ask for a count", () => {
  it("find the line with a count before the thing counted, the count highlighted with it", () => {
    const counts = indexedLines(
      ["Host", "董事会当时开会，人都在。"], // 0
      ["sam Altman", "董事会人数减少到六个人。"], // 1
      ["Guest", "He lived eleven years out there with the dog."], // 2
      ["Guest", "The dog lived with us, years ago."], // 3
      ["Guest", "我一个人在董事会。"], // 4
      ["Guest", "当时这又导致了几天的混乱，在酒店里。"], // 5
      ["Guest", "我当时在酒店里待了三天。"], // 6
      ["Guest", "我们在村里住了三十年。"], // 7
      ["Guest", "村里的年轻人都走了。"], // 8
    );
    const hits = (query: string) => understoodIn(counts, query, everywhereIn(counts), 10);
    const first = (query: string) => {
      const [hit] = hits(query);
      return hit === undefined ? undefined : { line: hit.line, shows: [...hit.shows].sort() };
    };
    // 董事会 and 当时 (common words) in line 0; 董事会 and a count of people (rare) in line 1: the count answers.
    expect(first("董事会当时有几个人")).toEqual({ line: 1, shows: ["六个人", "董事会"] });
    expect(first("how many people were on the board")).toEqual({ line: 1, shows: ["六个人", "董事"] });
    expect(first("how many years did the dog live")).toEqual({ line: 2, shows: ["dog", "elevenyears", "lived"] });
    // 一个人 is "alone" as often as "one person": not a count.
    const alone = hits("董事会有几个人");
    expect(alone[0]?.line).toBe(1);
    expect(alone.find((hit) => hit.line === 4)?.shows).toEqual(["董事会"]);
    // 几十年 counts years: 三十年 answers it, not a line that only says 年 (年轻人).
    expect(hits("在村里住了几十年").map((hit) => hit.line)[0]).toBe(7);
    expect(first("在村里住了几十年")?.shows).toEqual(["三十年", "住", "村里"].sort());
    // A vague count typed (几天) is found as written too, and a count of days answers it.
    expect(
      hits("在酒店里待了几天")
        .map((hit) => hit.line)
        .sort(),
    ).toEqual([5, 6]);
  });
});

describe("understoodHits", () => {
  let lines: IndexedLines;
  beforeEach(() => {
    lines = indexedLines(
      ["Host", "你是在哪里得知被解雇的消息的？"], // 0
      ["Guest", "在拉斯维加斯的酒店房间里。"], // 1
      ["Host", "天气怎么样？"], // 2
      ["Host", "董事会解雇了他，因为沟通不坦诚。"], // 3
      ["sam Altman", "我没有收到短信。"], // 4
      ["Guest", "OpenAI的董事会很小。"], // 5
      ["Guest", "We were dismissed in May?"], // 6
      ["Host", "董事会开会讨论了投资。"], // 7
    );
  });

  /** The same, over the lines of these tests. */
  function understood(query: string, scope: LineScope = everywhereIn(lines), limit = 10) {
    return understoodIn(lines, query, scope, limit);
  }

  it("ranks lines by the concepts they hold, the rarest counting most, and highlights them", () => {
    expect(understood("董事会解雇")).toEqual([
      { line: 3, shows: ["董事会", "解雇"], answerTo: undefined },
      { line: 0, shows: ["解雇"], answerTo: undefined },
      { line: 7, shows: ["董事会"], answerTo: undefined },
      { line: 5, shows: ["董事会"], answerTo: undefined },
    ]);
  });

  it('puts the line naming what a "what …" question is about above one holding only the noun it asks for', () => {
    const trump = indexedLines(["Host", "你拥有所有这些关系。"], ["Host", "这在特朗普政府期间发生过。"]);
    // Line 0 ("all these connections") holds a third of the weight now, less than the half an answer needs.
    expect(understoodIn(trump, "这跟特朗普有什么关系").map((hit) => hit.line)).toEqual([1]);
  });

  it("among lines holding the same, puts the shorter first", () => {
    expect(understood("董事会").map((hit) => hit.line)).toEqual([7, 5, 3]);
  });

  it("answers a question asked as a sentence with the answer just above the matching question", () => {
    expect(understood("你在哪里得知自己被解雇的").slice(0, 2)).toEqual([
      { line: 1, shows: [], answerTo: 0 },
      { line: 0, shows: ["得知", "解雇"], answerTo: undefined },
    ]);
    // Keywords are not a question: no answer is brought up.
    expect(understood("解雇").map((hit) => hit.line)).toEqual([0, 3]);
  });

  it("finds a speaker's lines through the name, and English words whole", () => {
    expect(understood("Sam收到了什么")).toEqual([{ line: 4, shows: ["收到"], answerTo: undefined }]);
    expect(understood("dismissed")[0]).toEqual({ line: 6, shows: ["dismissed"], answerTo: undefined });
    expect(understood("openai")).toEqual([{ line: 5, shows: ["openai"], answerTo: undefined }]);
  });

  it("needs half of the concepts: a line holding one of four is no answer", () => {
    expect(understood("董事会 投资 火星").map((hit) => hit.line)).toEqual([7]);
    expect(understood("董事会 月亮 火星 太阳")).toEqual([]);
    expect(understood("的了吗")).toEqual([]);
  });

  it("scores a line by the share of the query's weight it holds, the shorter line a little higher", () => {
    const board = indexedLines("董事会开会讨论了投资。", "董事会很小。", "天气很好。", "我们去吃饭。");
    // 董事会 is in two lines of four, 投资 in one: ln(1 + 5/2.5) and ln(1 + 5/1.5).
    const weights = [Math.log(1 + 5 / 2.5), Math.log(1 + 5 / 1.5)];
    const tieBreak = (line: number) => 0.01 / (1 + board.textOf(line).length / 100);
    const hits = understoodHits(board, "董事会 投资", everywhereIn(board), 10);
    expect(hits.map((hit) => hit.line)).toEqual([0, 1]);
    expect(hits[0]!.score).toBeCloseTo(1 + tieBreak(0), 10);
    expect(hits[1]!.score).toBeCloseTo(weights[0]! / (weights[0]! + weights[1]!) + tieBreak(1), 10);
  });

  it("weighs a common word by all the lines holding it, counted exactly while few and estimated beyond", () => {
    // 开会 in 100 lines (beyond the 64 counted exactly), 董事会 in one.
    const meetings = indexedLines("董事会很小。", ...Array.from({ length: 100 }, (_, day) => `第${day}天开会`));
    const [board, meeting] = [Math.log(1 + 102 / 1.5), Math.log(1 + 102 / 100.5)];
    const hits = understoodHits(meetings, "董事会 开会", everywhereIn(meetings), 1);
    expect(hits[0]!.line).toBe(0);
    expect(hits[0]!.score).toBeCloseTo(board / (board + meeting) + 0.01 / (1 + meetings.textOf(0).length / 100), 10);
    // The weights are the library's, whatever part of it is searched.
    const scoped = understoodHits(meetings, "董事会 开会", { from: 0, to: 2 }, 1);
    expect(scoped[0]!.score).toBeCloseTo(hits[0]!.score, 10);
  });

  it("takes an English word only whole or as another form of it, never inside a word or as a typo", () => {
    const english = indexedLines(
      "OpenAI的董事会",
      "xopenai is here",
      "Our country is big",
      "we count sheep",
      "they counted",
    );
    expect(understoodIn(english, "openai").map((hit) => hit.line)).toEqual([0]);
    // Same worth as written or in another form: the shorter line first.
    expect(understoodIn(english, "count")).toEqual([
      { line: 4, shows: ["counted"], answerTo: undefined },
      { line: 3, shows: ["count"], answerTo: undefined },
    ]);
  });

  it("finds a name written by sound (Greg → 格雷格), but not a word that merely sounds like one", () => {
    const names = indexedLines("格雷格说了什么", "公司很好", "古斯来了");
    expect(understoodIn(names, "Greg")).toEqual([{ line: 0, shows: ["格雷格"], answerTo: undefined }]);
    // 公司 sounds like "Gus" but is a word of its own.
    expect(understoodIn(names, "Gus")).toEqual([{ line: 2, shows: ["古斯"], answerTo: undefined }]);
  });

  it("brings an answer above its question, keeping what it highlights, unless it ranks higher already", () => {
    const talk = indexedLines(
      ["Host", "你是在哪里得知被解雇的消息的？"], // 0
      ["Guest", "被解雇了，很难过。"], // 1: holds less than its question
      ["Host", "你在哪里得知的？"], // 2
      ["Guest", "我在哪里得知自己被解雇的消息，你问这个？"], // 3: holds more than its question
    );
    const hits = understoodHits(talk, "你在哪里得知自己被解雇的", everywhereIn(talk), 10);
    expect(hits.map((hit) => [hit.line, hit.answerTo])).toEqual([
      [1, 0],
      [0, undefined],
      [3, undefined],
      [2, undefined],
    ]);
    expect(hits[0]!.score).toBeCloseTo(hits[1]!.score + 1e-6, 12);
    expect(hits[0]!.ranges).toEqual([[1, 3]]);
  });

  it("keeps to the scope and the limit", () => {
    expect(understood("董事会", { from: 4, to: 8 }).map((hit) => hit.line)).toEqual([7, 5]);
    expect(understood("董事会", everywhereIn(lines), 1).map((hit) => hit.line)).toEqual([7]);
  });
});

describe("answerTo", () => {
  let lines: IndexedLines;
  beforeEach(() => {
    lines = indexedLines(
      ["Host", "你喜欢喝茶吗？"], // 0: answered by 1
      ["Guest", "喜欢。"], // 1: not a question
      ["Host", "为什么？」"], // 2: a question, closing quote after the mark, answered by 3
      ["Guest", "因为好喝?"], // 3: a question, but line 4 is the same speaker's
      ["Guest", "对吧？"], // 4: the last line: nothing follows
    );
  });
  const everywhere: LineScope = { from: 0, to: 5 };

  it("takes the next line, by another speaker, as the answer to a question", () => {
    expect([0, 1, 2, 3, 4].map((line) => answerTo(lines, line, everywhere))).toEqual([
      1,
      undefined,
      3,
      undefined,
      undefined,
    ]);
  });

  it("takes a line as a question only when it ends with a question mark, closing quotes and spaces aside", () => {
    const asked = indexedLines(
      ["Host", "为什么？我不知道。"],
      ["Guest", "因为好喝。"],
      ["Host", "真的吗？ "],
      ["Guest", "真的。"],
    );
    expect(answerTo(asked, 0, everywhereIn(asked))).toBeUndefined();
    expect(answerTo(asked, 2, everywhereIn(asked))).toBe(3);
  });

  it("takes no answer from the next interview", () => {
    const interviews = [
      interviewSaying("first", [["Host", "你喜欢喝茶吗？"]]),
      interviewSaying("second", [["Guest", "喜欢。"]]),
    ];
    const two = IndexedLines.fromData(interviews, prepareSearchIndex(interviews));
    expect(answerTo(two, 0, everywhereIn(two))).toBeUndefined();
  });

  it("looks for no answer outside the scope", () => {
    expect(answerTo(lines, 0, { from: 0, to: 1 })).toBeUndefined();
    expect(answerTo(lines, 0, { ...everywhere, accepts: (line) => line !== 1 })).toBeUndefined();
    expect(answerTo(lines, 0, { ...everywhere, accepts: (line) => line !== 0 })).toBe(1);
  });
});
