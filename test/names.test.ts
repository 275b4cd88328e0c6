// Foreign names written by sound (src/search/names.ts): the consonants of a Latin name line up with the
// syllables of a run of transliteration characters.
import { describe, expect, it } from "vitest";
import { pinyin } from "pinyin-pro";
import { nameSounds, namesIn } from "../src/search/names.js";
import { transliterationCharacters } from "../src/lexicon/index.js";

const readings = (char: string): string[] => pinyin(char, { toneType: "none", type: "array", multiple: true });

function names(name: string, run: string): string[] {
  const sounds = nameSounds(name);
  return sounds === undefined ? [] : namesIn(sounds, run, readings);
}

describe("names written by sound", () => {
  it("matches a name consonant by consonant, r written with l, v with w, g with j", () => {
    expect(names("Greg", "格雷格")).toEqual(["格雷格"]);
    expect(names("Brockman", "布罗克曼")).toEqual(["布罗克曼"]);
    expect(names("Ive", "约翰尼艾维")).toEqual(["艾维"]);
    expect(names("Vegas", "拉斯维加斯")).toEqual(["维加斯"]);
  });

  it("folds a nasal that closes a syllable into the syllable before (Trump → 特朗普), and passes over a written h", () => {
    expect(names("Trump", "特朗普")).toEqual(["特朗普"]);
    expect(names("Jony", "约翰尼")).toEqual(["约翰尼"]);
  });

  it("finds nothing when a consonant differs or is missing", () => {
    expect(names("Greg", "格雷")).toEqual([]);
    expect(names("Trump", "特朗")).toEqual([]);
    expect(names("Brockman", "布罗曼")).toEqual([]);
    expect(names("Pete", "格雷格")).toEqual([]);
  });

  it("reads no name in a word without vowels or in fewer than three letters", () => {
    expect(nameSounds("xyzzy")).toBeUndefined();
    expect(nameSounds("Al")).toBeUndefined();
    expect(nameSounds("GPT-5")).toBeUndefined();
  });
});

describe("transliteration characters", () => {
  it("are the dictionary's name characters, not characters that are common words of their own", () => {
    const characters = transliterationCharacters();
    for (const char of "格雷特朗普艾维尼翰约斯拉布罗克曼") expect(characters.has(char), char).toBe(true);
    for (const char of "一有人不大中上天") expect(characters.has(char), char).toBe(false);
  });
});
