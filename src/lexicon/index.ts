/**
 * The lexicon: what lets a search understand how members ask — Chinese word segmentation, question and function
 * words, Chinese synonyms, English ↔ Chinese translation from CC-CEDICT, numbers spelled out, and each character's pinyin. Pure (no Discord, no network):
 * it reads generated data files (data/lexicon/, made by `npm run build:lexicon` from npm packages) on first use.
 */
export { segmentWords, isCountable, isFunctionWord, contentWords } from "./segment.js";
export {
  translateEnglish,
  translateChinese,
  digitsOf,
  synonymsOf,
  isEnglishWord,
  isDictionaryWord,
  sensesOf,
  transliterationCharacters,
  type LookupOptions,
} from "./dictionary.js";
export { englishWords } from "./english.js";
export {
  countBefore,
  hyphenatedNumber,
  leadingNumber,
  partOfLargerNumber,
  spelledNumber,
  type SpelledNumber,
} from "./numbers.js";
export { pinyinReadingsOf } from "./pinyin-readings.js";
export { loadTimes } from "./data.js";
