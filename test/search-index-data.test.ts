// The indexed lines (src/search/index-data.ts): what the search reads of a library by line number, built from small
// interviews inside each test so that every test shows the lines it is about.
import { describe, expect, it } from "vitest";
import { IndexedLines, prepareSearchIndex, searchIndexBuffers } from "../src/search/index-data.js";
import { buildSearchIndex, searchIndexFromData } from "../src/search/search-index.js";
import { interviewSaying } from "../testkit/corpus.js";

const first = interviewSaying("first", [
  ["Host", "董事會開會了嗎？"],
  ["Sam", "開了，ＧＰＴ－４也在。"],
]);
const second = interviewSaying("second", [
  ["ＳＡＭ", "我沒有收到簡訊。"],
  ["Guest", "他們打了電話。"],
  ["Sam", "對。"],
]);
const library = [first, second];

function linesOf(interviews = library): IndexedLines {
  return IndexedLines.fromData(interviews, prepareSearchIndex(interviews));
}

describe("IndexedLines", () => {
  it("numbers the lines of every interview in a row, each with its interview, text and normalised text", () => {
    const lines = linesOf();
    expect(lines.count).toBe(5);
    expect([0, 1, 2, 3, 4].map((line) => [lines.interviewIdOf(line), lines.lineAt(line).text])).toEqual([
      ["first", "董事會開會了嗎？"],
      ["first", "開了，ＧＰＴ－４也在。"],
      ["second", "我沒有收到簡訊。"],
      ["second", "他們打了電話。"],
      ["second", "對。"],
    ]);
    // Normalised: simplified, half-width, lower case, without punctuation.
    expect(lines.textOf(0)).toBe("董事会开会了吗");
    expect(lines.textOf(1)).toBe("开了gpt4也在");
    expect(lines.textOf(2)).toBe("我没有收到短信");
  });

  it("fails loudly for a line number outside the library", () => {
    const lines = linesOf();
    for (const line of [-1, 5, 1.5]) {
      expect(() => lines.lineAt(line), String(line)).toThrow(new RangeError(`line ${line} is not in the search index`));
      expect(() => lines.textOf(line), String(line)).toThrow(RangeError);
      expect(() => lines.interviewIdOf(line), String(line)).toThrow(RangeError);
      expect(() => lines.speakerOf(line), String(line)).toThrow(RangeError);
    }
  });

  it("gives one speaker id to names equal once normalised, across interviews", () => {
    const lines = linesOf();
    const [host, sam, samUpper, guest, samAgain] = [0, 1, 2, 3, 4].map((line) => lines.speakerOf(line));
    expect(samUpper).toBe(sam);
    expect(samAgain).toBe(sam);
    expect(new Set([host, sam, guest]).size).toBe(3);
    expect(lines.speakers.names).toEqual(["Host", "Sam", "Guest"]);
    expect(lines.speakers.resolve("sam")).toEqual([sam]);
  });

  it("counts the lines a set of speakers speaks", () => {
    const lines = linesOf();
    const idOf = (name: string): number => lines.speakers.resolve(name)[0] ?? Number.NaN;
    const [host, sam, guest] = [idOf("Host"), idOf("Sam"), idOf("Guest")];
    expect(lines.linesSpokenBy([sam])).toBe(3);
    expect(lines.linesSpokenBy([host])).toBe(1);
    expect(lines.linesSpokenBy([host, guest])).toBe(2);
    // Asked again, from the counts kept since the first question.
    expect(lines.linesSpokenBy([sam, host, guest])).toBe(5);
    expect(lines.linesSpokenBy([])).toBe(0);
  });

  it("scopes an interview to its own lines, and knows no unknown interview", () => {
    const lines = linesOf();
    expect(lines.interviewScope("first")).toEqual({ from: 0, to: 2 });
    expect(lines.interviewScope("second")).toEqual({ from: 2, to: 5 });
    expect(lines.interviewScope("third")).toBeUndefined();
  });

  it("scopes an interview without lines to no line", () => {
    const empty = interviewSaying("empty", []);
    const lines = linesOf([first, empty, second]);
    expect(lines.interviewScope("empty")).toEqual({ from: 2, to: 2 });
    expect(lines.interviewScope("second")).toEqual({ from: 2, to: 5 });
    expect(lines.interviewIdOf(2)).toBe("second");
  });

  it("remembers a count per text, and starts over after 20,000 texts", () => {
    const lines = linesOf();
    let counted = 0;
    const count = (): number => ++counted;
    expect(lines.remembered("董事会", count)).toBe(1);
    expect(lines.remembered("董事会", count)).toBe(1);
    expect(lines.remembered("短信", count)).toBe(2);
    expect(counted).toBe(2);
    // 20,000 texts are remembered (董事会, 短信 and 19,998 more); the next one starts over.
    for (let index = 0; index < 19_998; index++) lines.remembered(`word${index}`, () => 0);
    expect(lines.remembered("董事会", count)).toBe(1);
    lines.remembered("one too many", () => 0);
    expect(lines.remembered("董事会", count)).toBe(3);
  });

  it("refuses data prepared from other interviews", () => {
    const data = prepareSearchIndex([first]);
    expect(() => IndexedLines.fromData([first, second], data)).toThrow(/data for 2 lines cannot serve 5/);
    // Same lines, but spread over another number of interviews.
    const regrouped = interviewSaying(
      "regrouped",
      [...first.lines, ...second.lines].map((l) => [l.speaker, l.text]),
    );
    expect(() => IndexedLines.fromData([regrouped], prepareSearchIndex(library))).toThrow(/cannot serve/);
  });
});

describe("search index data handed from a worker", () => {
  it("survives being posted with its buffers transferred, and searches the same", () => {
    const data = prepareSearchIndex(library);
    const buffers = searchIndexBuffers(data);
    const posted = structuredClone(data, { transfer: buffers });
    // Every typed array was moved, none copied: the sender's copies are empty now.
    const { grams } = data;
    for (const array of [
      data.lineInterview,
      data.lineSpeaker,
      data.interviewStart,
      grams.slotStart,
      grams.postings,
      grams.charSlotStart,
      grams.charSlots,
    ]) {
      expect(array.length).toBe(0);
    }
    const received = searchIndexFromData(library, posted);
    const direct = buildSearchIndex(library);
    for (const query of ["短信", "gpt4", "电话 董事会", "dongshihui", "对", "sam 电话"]) {
      expect(received.search(query), query).toEqual(direct.search(query));
    }
    const found = received.search("電話");
    expect(found.ok && found.hits.map((hit) => [hit.interviewId, hit.line.number])).toEqual([["second", 2]]);
  });

  it("lists each buffer once", () => {
    const buffers = searchIndexBuffers(prepareSearchIndex(library));
    expect(buffers.length).toBe(7);
    expect(new Set(buffers).size).toBe(buffers.length);
  });
});
