/**
 * Splits a member's query into words — Chinese by the jieba segmenter (native, from @node-rs/jieba) over the
 * generated dictionary of its 65 000 most frequent words, Latin words and numbers whole — and tells the question
 * and function words (的, 为什么, 怎么, what, did …) from the words that carry the meaning.
 */
import { Jieba } from "@node-rs/jieba";
import { segmenterDictionary, wordLists, loadTimes } from "./data.js";

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (jieba) return jieba;
  const started = performance.now();
  jieba = Jieba.withDict(segmenterDictionary());
  loadTimes.segmenter = performance.now() - started;
  return jieba;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
/** A Latin word or number, with inner hyphens, dots, apostrophes, "+" and "&": GPT-4o, 4.0, co-founder, AT&T. */
const LATIN_RUN = /[\p{Script=Latin}\p{N}]+(?:['’\-.+&][\p{Script=Latin}\p{N}]+)*/gu;

/**
 * The words of `text`, in order, without spaces and punctuation: "Sam被董事会辞退的原因" → Sam, 被, 董事会,
 * 辞退, 的, 原因. Latin words and numbers are cut here, whole (GPT-4o, co-founder, OpenAI's → OpenAI), and only
 * the text between them goes to jieba. Full-width letters and digits are folded to ASCII first (NFKC); case is kept.
 */
export function segmentWords(text: string): string[] {
  const folded = text.normalize("NFKC");
  const out: string[] = [];
  let last = 0;
  for (const m of folded.matchAll(LATIN_RUN)) {
    cutInto(folded.slice(last, m.index), out);
    out.push(m[0].replace(/['’]s$/i, ""));
    last = m.index + m[0].length;
  }
  cutInto(folded.slice(last), out);
  return out;
}

function cutInto(text: string, out: string[]): void {
  if (!HAS_WORD.test(text)) return;
  for (const token of segmenter().cut(text, true)) if (HAS_WORD.test(token)) out.push(token.trim());
}

/**
 * Whether a word only frames the question or glues the sentence: stopwords-iso's Chinese list plus a few
 * question-frame nouns (的, 了, 被, 什么, 为什么, 怎么, 时候, 原因 …), and the closed-class words of
 * stopwords-iso's English list (the, of, what, why, how, did …; not its content words like "fire" or "open").
 */
export function isFunctionWord(word: string): boolean {
  const { functionZh, functionEn } = wordLists();
  return functionZh.has(word) || functionEn.has(word.toLowerCase());
}

/** jieba's part-of-speech tags of words that can be counted: nouns, measure words, numerals' units, time words. */
const COUNTABLE_TAGS = new Set(["n", "q", "m", "t"]);

/**
 * Whether a Chinese word names what a count counts, by jieba's part-of-speech tag: 人, 钱 (nouns), 位, 天, 次
 * (measure words), 年, 点, 岁 (tagged as numerals' units), not 乎 (几乎 "almost") nor 何 (几何 "geometry").
 */
export function isCountable(word: string): boolean {
  const [tagged, ...more] = segmenter().tag(word, false);
  return more.length === 0 && tagged !== undefined && COUNTABLE_TAGS.has(tagged.tag);
}

/** `segmentWords(text)` without the function words: the words a search should look for. */
export function contentWords(text: string): string[] {
  return segmentWords(text).filter((w) => !isFunctionWord(w));
}
