import { describe, expect, it } from "vitest";
import { BoundedMemo } from "../src/memo.js";

describe("BoundedMemo", () => {
  it("computes each key's answer once while it is remembered", () => {
    const memo = new BoundedMemo<string, number>(10);
    const asked: string[] = [];
    const length = (word: string): number => {
      asked.push(word);
      return word.length;
    };
    expect(memo.get("董事会", length)).toBe(3);
    expect(memo.get("董事会", length)).toBe(3);
    expect(memo.get("board", length)).toBe(5);
    expect(asked).toEqual(["董事会", "board"]);
  });

  it("forgets everything when full, then remembers again", () => {
    const memo = new BoundedMemo<number, string>(2);
    let computed = 0;
    const label = (key: number): string => `${key}:${++computed}`;
    expect(memo.get(1, label)).toBe("1:1");
    expect(memo.get(2, label)).toBe("2:2");
    expect(memo.get(1, label)).toBe("1:1");
    // A third key finds the memo full: it starts over, so key 1 is computed anew afterwards.
    expect(memo.get(3, label)).toBe("3:3");
    expect(memo.get(1, label)).toBe("1:4");
    expect(memo.get(3, label)).toBe("3:3");
  });
});
