/** Which words of a query ask for a count, and of what (src/search/counts.ts). */
import { describe, expect, it } from "vitest";
import { countedForms, countedUnits } from "../src/search/counts.js";
import { queryWords } from "../src/search/query-words.js";

const counted = (query: string) =>
  countedUnits(queryWords(query)).map(({ typed, unit, vague }) => ({ typed, unit, ...(vague ? { vague } : {}) }));

/** The query's words each count takes, by index. */
const taken = (query: string) => countedUnits(queryWords(query)).map(({ indexes }) => indexes);

describe("countedUnits", () => {
  it("finds what a Chinese question counts, after 几, 几个, 多少, or in one word with 几", () => {
    expect(counted("董事会当时有几个人")).toEqual([{ typed: "几个人", unit: "人" }]);
    expect(counted("古树茶多少钱一斤")).toEqual([{ typed: "多少钱", unit: "钱" }]);
    expect(counted("有几位董事")).toEqual([{ typed: "几位", unit: "位" }]);
    expect(counted("Sam几点坐飞机回家的")).toEqual([{ typed: "几点", unit: "点", vague: "几点" }]);
    expect(counted("他在那里待了几天")).toEqual([{ typed: "几天", unit: "天", vague: "几天" }]);
    expect(counted("董事会有几个")).toEqual([{ typed: "几个", unit: "个", vague: "几个" }]);
    expect(counted("几个月")).toEqual([{ typed: "几个月", unit: "月" }]);
    // The count goes on in numerals (几十 "some tens"): the thing counted is the year.
    expect(counted("这几十年")).toEqual([{ typed: "几十年", unit: "年" }]);
    expect(taken("这几十年")).toEqual([[1, 2, 3]]);
    // 董事会 当时 有 几个 人; 他 在 那里 待 了 几天.
    expect(taken("董事会当时有几个人")).toEqual([[3, 4]]);
    expect(taken("他在那里待了几天")).toEqual([[5]]);
  });

  it("finds what an English question counts, after how many and how much", () => {
    expect(counted("how many people were on the board")).toEqual([{ typed: "how many people", unit: "people" }]);
    expect(counted("How much money did he raise")).toEqual([{ typed: "how much money", unit: "money" }]);
    expect(taken("so how many people")).toEqual([[1, 2, 3]]);
  });

  it("finds nothing where nothing is counted", () => {
    // 几乎 "almost"; 多少 before a particle; "how much" before a verb; "many" without "how".
    for (const query of ["他几乎没睡", "这有多少了", "how much did it cost", "many people came", "董事会 短信"])
      expect(counted(query)).toEqual([]);
  });
});

describe("countedForms", () => {
  it("writes a count before a unit with 个 and without", () => {
    expect(countedForms("人")).toEqual(["人", "个人"]);
    expect(countedForms("位")).toEqual(["位", "个位"]);
    expect(countedForms("个")).toEqual(["个"]);
  });
});
