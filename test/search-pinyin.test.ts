// Pinyin (src/search/pinyin.ts): a query of Latin letters read as syllables of the library's own characters —
// dongshihui, dong shi hui or dǒngshìhuì → 董事会 — and a Chinese word read by sound, for homophone typos.
import { beforeEach, describe, expect, it } from "vitest";
import { findReading, PinyinLexicon, pinyinChunks, readingSets, type Reading } from "../src/search/pinyin.js";

/** The lexicon of a library whose lines hold these characters. */
function lexiconOf(chars: string): PinyinLexicon {
  return PinyinLexicon.fromCodePoints(new Set([...chars].map((char) => char.codePointAt(0)!)));
}

/** A reading as the characters of each syllable: 董|事试|会. */
function shown(reading: Reading | undefined): string | undefined {
  return reading?.map((chars) => chars.map((code) => String.fromCodePoint(code)).join("")).join("|");
}

function readings(lexicon: PinyinLexicon, query: string): { completed: boolean; readings: (string | undefined)[] } {
  const result = lexicon.readingsOf(pinyinChunks(query) ?? []);
  return { completed: result.completed, readings: result.readings.map(shown) };
}

let lexicon: PinyinLexicon;
beforeEach(() => {
  lexicon = lexiconOf("董事会西安先阴谋论轮试市长绿路a𠀀");
});

describe("pinyinChunks", () => {
  it("takes letters, spaces, apostrophes, tone marks and tone numbers as pinyin", () => {
    expect(pinyinChunks("dong shi hui")).toEqual(["dong", "shi", "hui"]);
    expect(pinyinChunks("dǒngshìhuì")).toEqual(["dongshihui"]);
    expect(pinyinChunks("Dong3shi4")).toEqual(["dongshi"]);
    expect(pinyinChunks("Xi'An")).toEqual(["xi", "an"]);
    expect(pinyinChunks("  xi  ''an ")).toEqual(["xi", "an"]);
  });

  it("takes nothing else as pinyin", () => {
    expect(pinyinChunks("董事")).toBeUndefined();
    expect(pinyinChunks("gpt-4")).toBeUndefined();
    expect(pinyinChunks("a1b2c6")).toBeUndefined();
    expect(pinyinChunks("")).toBeUndefined();
    expect(pinyinChunks(" ' ")).toBeUndefined();
  });
});

describe("PinyinLexicon.readingsOf", () => {
  it("reads letters as syllables of the library's characters, with or without spaces", () => {
    expect(readings(lexicon, "dongshihui")).toEqual({ completed: false, readings: ["董|事试市|会"] });
    expect(readings(lexicon, "dong shi hui")).toEqual({ completed: false, readings: ["董|事试市|会"] });
    expect(readings(lexicon, "yinmoulun")).toEqual({ completed: false, readings: ["阴|谋|论轮"] });
  });

  it("needs two syllables at least: one syllable is an English word as likely", () => {
    // xian is one syllable (先) or two (西安): only the second is a reading.
    expect(readings(lexicon, "xian")).toEqual({ completed: false, readings: ["西|安"] });
    expect(readings(lexicon, "xi'an")).toEqual({ completed: false, readings: ["西|安"] });
    expect(readings(lexicon, "shi").readings).toEqual([]);
  });

  it("completes the last syllable from a prefix when no full reading exists", () => {
    expect(readings(lexicon, "dongsh")).toEqual({ completed: true, readings: ["董|事试市"] });
    expect(readings(lexicon, "dong sh")).toEqual({ completed: true, readings: ["董|事试市"] });
    // Only the last syllable: a prefix inside the query is no syllable.
    expect(readings(lexicon, "dsh hui").readings).toEqual([]);
    expect(readings(lexicon, "zzz")).toEqual({ completed: true, readings: [] });
  });

  it("reads ü typed as v or u", () => {
    expect(readings(lexicon, "lv lu").readings).toEqual(["绿|绿路"]);
  });

  it("offers at most four readings, the fewest syllables first", () => {
    const many = lexiconOf("西安先一阿按暗岸俺");
    const found = readings(many, "xianxian").readings;
    expect(found.length).toBeLessThanOrEqual(4);
    expect(found[0]).toBe("先|先");
    const lengths = found.map((reading) => reading?.split("|").length ?? 0);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  });

  it("works the same rebuilt from its data", () => {
    const rebuilt = PinyinLexicon.fromData(lexicon.toData());
    expect(readings(rebuilt, "dongshihui")).toEqual(readings(lexicon, "dongshihui"));
    expect(shown(rebuilt.homophoneReading("阴谋轮"))).toBe(shown(lexicon.homophoneReading("阴谋轮")));
  });
});

describe("PinyinLexicon.homophoneReading", () => {
  it("reads each character of a word as every character of the library sounding like it", () => {
    expect(shown(lexicon.homophoneReading("阴谋轮"))).toBe("阴|谋|论轮");
    expect(shown(lexicon.homophoneReading("董事会"))).toBe("董|事试市|会");
  });

  it("looks up a character the library lacks, and gives up on one without a reading", () => {
    // 侍 (shi) is in no line: it still reads as the library's shi characters.
    expect(shown(lexicon.homophoneReading("董侍"))).toBe("董|事试市");
    expect(lexicon.homophoneReading("董a")).toBeUndefined();
    expect(lexicon.homophoneReading("𠀀")).toBeUndefined();
  });
});

describe("findReading", () => {
  let sets: readonly ReadonlySet<number>[];
  beforeEach(() => {
    sets = readingSets(lexicon.homophoneReading("董事")!);
  });

  it("finds where one character of each syllable stands, in a row", () => {
    expect(findReading("董事会和董市长", sets, 16)).toEqual([
      [0, 2],
      [4, 6],
    ]);
    expect(findReading("董和事", sets, 16)).toEqual([]);
    expect(findReading("董", sets, 16)).toEqual([]);
    expect(findReading("", sets, 16)).toEqual([]);
  });

  it("counts a character beyond the Basic Multilingual Plane as one, and stops at the most asked for", () => {
    expect(findReading("𠀀董事", sets, 16)).toEqual([[2, 4]]);
    expect(findReading("董事董事董事", sets, 2)).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });
});
