// Search as members ask (issue 12): whole Latin words, questions in their own words, English over the Chinese
// transcript, every interview at once, and "no match" with "did you mean" rather than a weak hit.
import { describe, expect, it } from "vitest";
import { buildSearchIndex, type SearchHit } from "../src/search/index.js";
import { storeOf } from "./helpers.js";
import { interviewSaying, loadLabelledInterviews } from "../testkit/corpus.js";
import { measureByCategory } from "../testkit/quality.js";
import { loadLabelledQueriesWithEverywhere, SEED_INTERVIEW } from "../testkit/search-queries.js";

const LIGHTHOUSE = "carrick-head-lighthouse-2024-03";
const TEA = "nangang-tea-farmer-2024-04";
const index = buildSearchIndex(loadLabelledInterviews());

function hits(query: string, interviewId?: string): readonly SearchHit[] {
  const outcome = index.search(query, { interviewId });
  return outcome.ok ? outcome.hits : [];
}

function highlighted(hit: SearchHit | undefined): string[] {
  return hit?.ranges.map(([start, end]) => hit.line.text.slice(start, end)) ?? [];
}

function suggestions(query: string): readonly string[] {
  const outcome = index.search(query);
  return outcome.ok ? outcome.suggestions : [];
}

describe("Latin words match whole", () => {
  it("finds no line for a word the English interview lacks, however many of its letters a line has", () => {
    for (const word of ["piano", "guitar", "mountain", "painting", "tomatoes", "grandmother"]) {
      expect(hits(word, LIGHTHOUSE), word).toEqual([]);
    }
  });

  it("does not join words a line keeps apart ('sat in' is not satin)", () => {
    expect(hits("satin", LIGHTHOUSE)).toEqual([]);
  });

  it("matches other forms of a word, highlighting the whole word", () => {
    const found = hits("count", LIGHTHOUSE);
    expect(found.map((hit) => hit.line.number).sort((a, b) => a - b)).toEqual([6, 45]);
    expect(found.flatMap(highlighted).map((word) => word.toLowerCase())).toEqual(
      expect.arrayContaining(["count", "counted"]),
    );
  });

  it("forgives a real typo of a word that is not itself a word, and completes the last word being typed", () => {
    expect(highlighted(hits("biscuts", LIGHTHOUSE)[0])).toContain("biscuits");
    expect(hits("telefone", LIGHTHOUSE).map((hit) => hit.line.number)).toEqual(expect.arrayContaining([29]));
    expect(highlighted(hits("grandf", LIGHTHOUSE)[0])).toEqual(["grandfather"]);
  });

  it("needs every word of an English query ('grand piano' is not answered by 'grandfather' or 'grand')", () => {
    expect(hits("grand piano", LIGHTHOUSE)).toEqual([]);
  });
});

describe("questions in members' own words", () => {
  it("answers a Chinese question through segmentation, dropped question words and synonyms (辞退 → 解雇)", () => {
    const top = hits("Sam被董事会辞退的原因", SEED_INTERVIEW)[0];
    expect([13, 14, 15, 16, 28]).toContain(top?.line.number);
    expect(highlighted(top)).toEqual(expect.arrayContaining(["董事会", "解雇"]));
  });

  it("answers English keywords over the Chinese transcript through the dictionary", () => {
    const dismissed = hits("dismissed", SEED_INTERVIEW)[0];
    expect(highlighted(dismissed)).toContain("解雇");
    expect(highlighted(hits("investors", SEED_INTERVIEW)[0])).toEqual(["投资"]);
    expect(hits("conspiracy theory", SEED_INTERVIEW)[0]?.line.text).toContain("阴谋");
  });

  it("reads an English compound by its parts, the dictionary's first sense first", () => {
    // "You're a great dealmaker" (交易撮合者), not a line about making chips or handling things.
    const dealmaker = hits("dealmaker", SEED_INTERVIEW)[0];
    expect(dealmaker?.line.number).toBe(27);
    expect(highlighted(dealmaker)).toEqual(["交易"]);
    // Shares held (股权), not "share your motives" (分享).
    const shareholding = hits("shareholding", SEED_INTERVIEW).slice(0, 3);
    expect(shareholding.map((hit) => hit.line.number).sort()).toEqual([21, 23, 29]);
    expect(shareholding.flatMap(highlighted)).not.toContain("分享");
  });

  it("reads a number word as the digits the transcript writes (seven trillion dollars → 7万亿美元)", () => {
    const found = hits("seven trillion dollars", SEED_INTERVIEW).slice(0, 3);
    expect(found.map((hit) => hit.line.number).sort()).toEqual([27, 28, 32]);
    for (const hit of found) expect(highlighted(hit).join(" ")).toContain("7万亿");
  });

  it("prefers the lines that say the whole phrase over those with part of it", () => {
    // "board members": the lines with 董事会成员 before line 22's 董事会 alone.
    const boardMembers = hits("board members", SEED_INTERVIEW).slice(0, 3);
    for (const hit of boardMembers) expect(highlighted(hit)).toContain("董事会成员");
  });

  it("puts the answer right above the host's question it follows, for a question asked as a sentence", () => {
    const store = storeOf({
      talk: [
        "---",
        "title: Talk",
        "---",
        "### 问题1: 对话",
        "**Host：** 你是在哪里得知被解雇的消息的？",
        "",
        "**Guest：** 在拉斯维加斯的酒店房间里。",
        "",
        "**Host：** 天气怎么样？",
        "",
      ].join("\n"),
    });
    const found = store.current.search.search("你在哪里得知自己被解雇的");
    expect(found.ok && found.hits.map((hit) => hit.line.text)).toEqual([
      "在拉斯维加斯的酒店房间里。",
      "你是在哪里得知被解雇的消息的？",
    ]);
  });

  it("says there is no match, and offers the closest word, rather than a weak hit", () => {
    expect(hits("GPT-5什么时候发布", SEED_INTERVIEW)).toEqual([]);
    expect(suggestions("GPT-5什么时候发布")).toContain("GPT-4");
    expect(hits("火星殖民计划")).toEqual([]);
    expect(suggestions("piano")).toEqual([]);
  });

  it("offers the words it holds when a question finds no line whole, rarest first, never a letter or a character", () => {
    // No line names 布罗克曼 (the transcript says 格雷格): a member can narrow to the board.
    expect(hits("布罗克曼也被踢出董事会了吗", SEED_INTERVIEW)).toEqual([]);
    expect(suggestions("布罗克曼也被踢出董事会了吗")).toEqual(["董事会"]); // not 出, which stands inside other words
    expect(suggestions("为什么董事会要求董事不能有私心")).toEqual(["董事会", "董事"]);
    expect(suggestions("piano lessons")).toEqual([]);
    // "open" stands inside "OpenAI", never whole: not a word this content holds.
    const openai = buildSearchIndex([interviewSaying("openai", [["host", "OpenAI ships models."]])]);
    const outcome = openai.search("open sesame");
    expect(outcome.ok && outcome.hits).toEqual([]);
    expect(outcome.ok && outcome.suggestions).toEqual([]);
    expect(openai.search("models sesame")).toMatchObject({ hits: [], suggestions: ["models"] });
  });
});

describe("names written by sound", () => {
  it("finds a foreign name the dictionary lacks in its Chinese transliteration, and highlights it", () => {
    expect(highlighted(hits("Greg Brockman", SEED_INTERVIEW)[0])).toContain("格雷格");
    expect(highlighted(hits("Jony Ive", SEED_INTERVIEW)[0])).toEqual(expect.arrayContaining(["约翰尼", "艾维"]));
  });

  it("does not read a common word or a string of consonants as a name", () => {
    expect(hits("xyzzy", SEED_INTERVIEW)).toEqual([]);
    expect(hits("ivy", SEED_INTERVIEW)).toEqual([]); // the plant, typed without a capital: not 艾维 (Ive)
  });

  it("knows the people the dictionary lists, by their English name and by either Chinese one", () => {
    // CC-CEDICT: 特朗普 "Donald Trump (1946–), American businessman …"; 川普, the Taiwanese name, points to it.
    expect(hits("Trump administration", SEED_INTERVIEW)[0]?.line.number).toBe(9);
    expect(highlighted(hits("川普", SEED_INTERVIEW)[0])).toEqual(["特朗普"]);
    // The segmenter does not know 川普 and cuts across it (这跟川 + 普有); the dictionary cuts the pieces again.
    const trump = hits("这跟川普有什么关系", SEED_INTERVIEW).find((hit) => hit.line.number === 9);
    expect(highlighted(trump)).toEqual(["特朗普"]);
  });
});

describe("no false matches in other interviews", () => {
  it("does not take an English compound for a typo, nor a Chinese compound's other half for the word", () => {
    expect(hits("landmine", LIGHTHOUSE)).toEqual([]); // land + mine, not "landing"
    expect(hits("ticket")).toEqual([]); // 飞机票 "plane ticket" names the ticket, not the 飞机 of line 11
    expect(hits("elephant")).toEqual([]); // 房间里的大象 "the elephant in the room": not a 房间
    expect(hits("grand piano")).toEqual([]); // a term the dictionary has whole (大钢琴), not 伟大 "grand"
    expect(hits("hinge")).toEqual([]); // 枢纽 "hub; hinge" has 关键 "crux" for a synonym, of another sense
    expect(hits("teacher")).toEqual([]); // 师范大学 "teachers' college" names a college: not the tea farmer's daughter's 大学
    expect(highlighted(hits("investors", SEED_INTERVIEW)[0])).toContain("投资"); // 投资者 → 投资 still means it
  });
});

describe("every interview at once", () => {
  it("finds a line only another interview holds, and names that interview", () => {
    const top = hits("普洱")[0];
    expect(top?.interviewId).toBe(TEA);
    expect(highlighted(top)).toContain("普洱");
    expect(hits("cooperative")[0]?.interviewId).toBe(TEA);
  });

  it("reads an answer with the host's question before it", () => {
    // Line 20 asks about 游客 (visitors); line 21, the answer, speaks of rooms to stay in (住) at 我们家 (家里 →
    // 家, "home") and says neither.
    const answer = hits("游客能住在茶农家里吗")
      .slice(0, 3)
      .find((hit) => hit.interviewId === TEA && hit.line.number === 21);
    expect(answer?.answerTo).toBe(20);
    expect(highlighted(answer)).toEqual(["住", "家", "住"]);
  });
});

describe("quality on the labelled set", () => {
  const reports = measureByCategory(loadLabelledQueriesWithEverywhere(), SEED_INTERVIEW, (query, interviewId) => {
    const outcome = index.search(query, { interviewId, limit: 10 });
    return outcome.ok ? outcome.hits.map((hit) => ({ interviewId: hit.interviewId, line: hit.line.number })) : [];
  });
  const report = (category: string) => {
    const found = reports.get(category);
    if (found === undefined) throw new Error(`no labelled queries in ${category}`);
    return found;
  };

  it("keeps every earlier category perfect", () => {
    for (const category of ["simplified", "traditional", "full-width", "typo", "pinyin", "two-words"]) {
      expect(report(category).misses, category).toEqual([]);
    }
    for (const category of ["speaker-word", "english", "long-phrase", "nonsense", "present-en"]) {
      expect(report(category).misses, category).toEqual([]);
    }
  });

  it("answers 'no match' for at least 95% of the words an English interview lacks", () => {
    expect(report("absent-en").precisionAt1).toBeGreaterThanOrEqual(0.95);
    // Asked of every interview (the default), the Chinese ones must not answer them either: today 38 of 40, the
    // rest a dictionary sense (compass → 规矩 "compass and set square") and one word the tea farmer does say (mountain → 上山).
    expect(report("absent-en-all").precisionAt1).toBeGreaterThanOrEqual(0.95);
  });

  // Floors at what the search reaches today, so that a change that loses ground fails; issue 12 asks for more
  // (natural-zh P@1 0.85, english-over-zh P@1 0.80, cross-interview R@3 1.0), see the README.
  it("does not fall below today's level on questions, English keywords and other interviews", () => {
    expect(report("natural-zh").precisionAt1).toBeGreaterThanOrEqual(0.64);
    expect(report("natural-zh").recallAt3).toBeGreaterThanOrEqual(0.59);
    expect(report("english-over-zh").precisionAt1).toBeGreaterThanOrEqual(0.82);
    expect(report("english-over-zh").recallAt3).toBeGreaterThanOrEqual(0.83);
    expect(report("cross-interview").precisionAt1).toBeGreaterThanOrEqual(0.88);
    expect(report("cross-interview").recallAt3).toBeGreaterThanOrEqual(0.81);
  });
});

describe("a question asked again", () => {
  it("is read against the content it is asked of, not an earlier index's", () => {
    // Neither line says 解雇: each index bridges it to the word its own content uses.
    const question = "他为什么被解雇";
    const before = buildSearchIndex([interviewSaying("before", [["host", "董事会昨天辞退了他。"]])]);
    const after = buildSearchIndex([
      interviewSaying("after", [
        ["host", "今天天气很好。"],
        ["guest", "他被炒鱿鱼了。"],
      ]),
    ]);
    const lineOf = (outcome: ReturnType<typeof before.search>) => (outcome.ok ? outcome.hits[0]?.line.text : undefined);
    expect(lineOf(before.search(question))).toBe("董事会昨天辞退了他。");
    expect(lineOf(after.search(question))).toBe("他被炒鱿鱼了。");
    expect(lineOf(before.search(question))).toBe("董事会昨天辞退了他。");
  });
});
