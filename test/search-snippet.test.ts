// Where a reply's snippet window falls (src/search/snippet.ts), checked to the character on thirty digits.
import { describe, expect, it } from "vitest";
import { snippetAround } from "../src/search/snippet.js";

const digits = "0123456789".repeat(3);

describe("the snippet window", () => {
  it("keeps a text exactly as long as the limit whole", () => {
    expect(snippetAround("abcdefghij", [[5, 6]], 10)).toEqual({ text: "abcdefghij", ranges: [[5, 6]] });
  });

  it("puts about a third of the spare room before the match", () => {
    // 11 units: two ellipses and the two-digit match leave 7 spare, 2 of them before the match.
    expect(snippetAround(digits, [[20, 22]], 11)).toEqual({ text: "…890123456…", ranges: [[3, 5]] });
    expect(snippetAround(digits, [[21, 22]], 11)).toEqual({ text: "…901234567…", ranges: [[3, 4]] });
  });

  it("starts at the beginning rather than cut a single unit for an ellipsis", () => {
    expect(snippetAround(digits, [[3, 4]], 11)).toEqual({ text: "0123456789…", ranges: [[3, 4]] });
  });

  it("ends at the end, with one ellipsis, when the window reaches it exactly", () => {
    expect(snippetAround(digits, [[22, 23]], 11)).toEqual({ text: "…0123456789", ranges: [[3, 4]] });
  });

  it("shows the match between two ellipses at three units", () => {
    expect(snippetAround(digits, [[20, 21]], 3)).toEqual({ text: "…0…", ranges: [[1, 2]] });
  });
});
