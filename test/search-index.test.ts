// The quote search put together (src/search/search-index.ts), on small libraries built inside each test: what a
// member gets for a query — the hits and their order, the narrowing by speaker and interview, the answer after a
// matching question, the page size, and "did you mean" when nothing matches.
import { beforeEach, describe, expect, it } from "vitest";
import { buildSearchIndex, type SearchIndex, type SearchOptions } from "../src/search/index.js";
import { interviewSaying } from "../testkit/corpus.js";

const talk = interviewSaying("talk", [
  ["Host", "你收到短信了吗？"], // 1
  ["sam Altman", "我收到了短信。"], // 2
  ["Host", "好的，Sam"], // 3
  ["sam Altman", "董事会给我打了电话。"], // 4
  ["Guest", "短信是谁发的？"], // 5
  ["Guest", "不知道。"], // 6
]);
const board = interviewSaying("board", [
  ["Host", "Our board met on Monday."], // 1
  ["Guest", "The boards were quiet."], // 2
  ["Host", "Keeping bees is fun."], // 3
  ["Altman", "Do you like tea?"], // 4
  ["Guest", "I like green tea."], // 5
  ["Host", "你喜欢喝茶吗？"], // 6
  ["Guest", "喜欢，尤其是普洱。"], // 7
]);
let index: SearchIndex;
beforeEach(() => {
  index = buildSearchIndex([talk, board]);
});

/** The hits as `interview:line`, with `→n` on an answer to line n, best first. */
function found(query: string, options?: SearchOptions): string[] {
  const outcome = index.search(query, options);
  if (!outcome.ok) throw new Error(`"${query}" was refused: ${outcome.error}`);
  return outcome.hits.map(
    (hit) => `${hit.interviewId}:${hit.line.number}${hit.answerTo === undefined ? "" : `→${hit.answerTo}`}`,
  );
}

function suggested(query: string): readonly string[] {
  const outcome = index.search(query);
  return outcome.ok ? outcome.suggestions : [];
}

describe("search over a small library", () => {
  it("finds every line holding the query, the shorter first", () => {
    expect(found("短信")).toEqual(["talk:2", "talk:5", "talk:1"]);
  });

  it("narrows to a speaker named in the query, unless the query stands as written in a line", () => {
    expect(found("sam 短信")).toEqual(["talk:2"]);
    expect(found("好的 sam")).toEqual(["talk:3"]);
  });

  it("keeps to the speaker and the interview asked for, and finds nothing for unknown ones", () => {
    expect(found("短信", { speaker: "sam" })).toEqual(["talk:2"]);
    expect(found("短信", { speaker: "Guest" })).toEqual(["talk:5"]);
    expect(found("短信", { speaker: "nobody" })).toEqual([]);
    expect(found("短信", { interviewId: "board" })).toEqual([]);
    expect(found("tea", { interviewId: "board" })).toEqual(["board:4", "board:5"]);
    expect(found("短信", { interviewId: "nowhere" })).toEqual([]);
  });

  it("shows the answer after a host's question it finds, within the page", () => {
    expect(found("green tea")).toEqual(["board:5"]);
    expect(found("like tea")).toEqual(["board:4", "board:5"]);
    expect(found("喝茶")).toEqual(["board:6", "board:7→6"]);
    expect(found("喝茶", { limit: 1 })).toEqual(["board:6"]);
    expect(found("喝茶", { speaker: "Host" })).toEqual(["board:6"]);
    // A question answered by the same speaker has no answer shown.
    expect(found("谁发的")).toEqual(["talk:5"]);
  });

  it("gives at most the page asked for: 25 by default (or for no number), one at least, a hundred at most", () => {
    const many = buildSearchIndex([
      interviewSaying(
        "many",
        Array.from({ length: 120 }, (_, line): [string, string] => ["Host", `第${line}次开会`]),
      ),
    ]);
    const count = (limit: number | undefined): number => {
      const outcome = many.search("开会", { limit });
      return outcome.ok ? outcome.hits.length : -1;
    };
    expect(count(undefined)).toBe(25);
    expect(count(2)).toBe(2);
    expect(count(2.9)).toBe(2);
    expect(count(-3)).toBe(1);
    expect(count(0)).toBe(1);
    expect(count(0.5)).toBe(1);
    expect(count(Number.NaN)).toBe(25);
    expect(count(Number.POSITIVE_INFINITY)).toBe(100);
    expect(count(1000)).toBe(100);
  });

  it("finds a word written with combining marks (as some systems copy text) by the same word typed whole, and back", () => {
    const accents = buildSearchIndex([
      interviewSaying("accents", [
        ["Host", "We met at the cafe\u0301 on the corner."], // 1: e + combining acute
        ["Guest", "Noël was there, and 한국 friends."], // 2: precomposed
      ]),
    ]);
    const hitOf = (query: string): { line: number; marked: string[] } | undefined => {
      const outcome = accents.search(query);
      const hit = outcome.ok ? outcome.hits[0] : undefined;
      if (hit === undefined) return undefined;
      return { line: hit.line.number, marked: hit.ranges.map(([from, to]) => hit.line.text.slice(from, to)) };
    };
    expect(hitOf("café")).toEqual({ line: 1, marked: ["cafe\u0301"] });
    expect(hitOf("Noe\u0308l")).toEqual({ line: 2, marked: ["Noël"] });
    expect(hitOf("한국".normalize("NFD"))).toEqual({ line: 2, marked: ["한국"] });
  });

  it("reads a word with a soft hyphen inside (text copied off a web page) as one word, and İstanbul as istanbul", () => {
    const copied = buildSearchIndex([
      interviewSaying("copied", [
        ["Host", "The co\u00adoperative met in İstanbul."], // 1
        ["Guest", "Nothing else."], // 2
      ]),
    ]);
    const marked = (query: string): string[] => {
      const outcome = copied.search(query);
      const hit = outcome.ok ? outcome.hits[0] : undefined;
      return hit === undefined ? [] : hit.ranges.map(([from, to]) => hit.line.text.slice(from, to));
    };
    expect(marked("cooperative")).toEqual(["co\u00adoperative"]);
    expect(marked("istanbul")).toEqual(["İstanbul"]);
  });

  it("tolerates a typo of an English word, below the word as written", () => {
    expect(found("bord")).toEqual(["board:1"]);
    expect(index.search("bord").ok && index.search("bord")).toMatchObject({ hits: [{ exact: false }] });
    expect(found("boards")).toEqual(["board:2", "board:1"]);
  });

  it("answers a query whose words stand in no line together by the concepts it holds, else not at all", () => {
    // 火星 is in no line, but it is one word of three: the line with the other two answers.
    expect(found("董事会 电话 火星")).toEqual(["talk:4"]);
    expect(found("piano")).toEqual([]);
  });

  it("suggests close words only when nothing is found, and for an English word only words a typo away", () => {
    expect(suggested("短信")).toEqual([]);
    // Altman is a speaker's name, said in no line: /quote would find nothing for it either.
    expect(suggested("Altmann")).toEqual([]);
    expect(suggested("piano")).toEqual([]);
    expect(suggested("Keepng")).toEqual([]);
  });

  it("suggests only what finds a line where the member searched: that interview, that speaker", () => {
    const outcome = (query: string, options: SearchOptions) => {
      const result = index.search(query, options);
      return result.ok ? { hits: result.hits.length, suggestions: result.suggestions } : undefined;
    };
    expect(outcome("董事会 电话 开会", {})).toEqual({ hits: 1, suggestions: [] });
    expect(outcome("董事会 电话", { speaker: "Guest" })).toEqual({ hits: 0, suggestions: [] });
    expect(outcome("董事会 火星 月亮", {})).toMatchObject({ suggestions: ["董事会"] });
    expect(outcome("董事会 火星 月亮", { interviewId: "board" })).toEqual({ hits: 0, suggestions: [] });
  });

  it("allows a short English word one typo, a longer one two", () => {
    const keeper = buildSearchIndex([interviewSaying("keeper", [["Guest", "The lamp keeper lit the lantern."]])]);
    const suggestedIn = (query: string) => {
      const outcome = keeper.search(query);
      return outcome.ok ? outcome.suggestions : [];
    };
    expect(suggestedIn("kxxper")).toEqual(["keeper"]); // six letters, two typos
    expect(suggestedIn("kper")).toEqual([]); // four letters, two letters short of keeper
  });

  it("offers the words a question holds, rarest first, at most five, never a single character", () => {
    const fruit = buildSearchIndex([
      interviewSaying(
        "fruit",
        [
          "苹果很甜。",
          "苹果很红。",
          "苹果很大。",
          "香蕉很长。",
          "葡萄很酸。",
          "西瓜很圆。",
          "橘子很小。",
          "草莓很贵。",
          "菠萝很香。",
        ].map((text) => ["Guest", text] as const),
      ),
    ]);
    const suggestedIn = (query: string) => {
      const outcome = fruit.search(query);
      return outcome.ok && outcome.hits.length === 0 ? outcome.suggestions : ["(a hit)"];
    };
    // 苹果 stands in three lines, the others in one each; 酸 ("sour") is a single character.
    expect(suggestedIn("苹果和香蕉和西瓜都酸吗")).toEqual(["香蕉", "西瓜", "苹果"]);
    expect(suggestedIn("苹果香蕉葡萄西瓜橘子草莓菠萝")).toHaveLength(5);
  });

  it("refuses an empty query, and finds nothing in an empty library", () => {
    expect(index.search("  ")).toEqual({ ok: false, error: "empty" });
    const empty = buildSearchIndex([]);
    expect(empty.search("短信")).toEqual({ ok: true, hits: [], suggestions: [] });
  });

  it("finds speakers by name for autocomplete", () => {
    expect(index.findSpeakers("alt")).toEqual(["Altman", "sam Altman"]);
    expect(index.findSpeakers("", 2)).toHaveLength(2);
  });
});
