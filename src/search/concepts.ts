/**
 * Reading a query the way a member means it, for when the words as typed find nothing good: the query is cut into
 * words (a Chinese segmenter; Latin words whole), question and function words are dropped, and each remaining
 * word becomes a concept — the word itself, its synonyms (辞退 → 解雇), its translations (dismissed → 解雇;
 * 炒鱿鱼 → "to fire" → 解雇) — keeping only alternatives the content holds. Concepts are weighted by rarity
 * (inverse document frequency), so 董事会 counts for more than Sam.
 */
import {
  digitsOf,
  isDictionaryWord,
  isEnglishWord,
  hyphenatedNumber,
  isFunctionWord,
  leadingNumber,
  spelledNumber,
  synonymsOf,
  translateEnglish,
} from "../lexicon/index.js";
import { isLatinTerm } from "./latin-words.js";
import { joinsOf } from "./query-plan.js";
import { countedForms, countedUnits, type CountedUnit } from "./counts.js";
import { groupLatinRuns, queryWords } from "./query-words.js";
import {
  glossesOf,
  sameFirstSense,
  meansEnglishWord,
  namedAsHead,
  relatedEnglishWords,
  sharesMainSense,
} from "./word-senses.js";
import { BoundedMemo } from "../memo.js";
import { normalize } from "./normalize.js";

/** One way a concept may stand in a line, and what finding it there is worth (1: the word as typed). */
export interface Alternative {
  readonly text: string;
  readonly value: number;
  /**
   * For a form of several Latin words (twenty-seven → "twentyseven"): the offsets in `text` where its words meet,
   * so a line must hold them as words in a row, not inside other words.
   */
  readonly joins?: ReadonlySet<number>;
  /** A number spelled out (六, twenty-seven): it does not stand for the number as part of a larger one (十六). */
  readonly number?: true;
  /** The thing a question counts (几个人 → 人, 个人): it stands for the concept only after a count (六个人). */
  readonly afterCount?: true;
}

export interface Concept {
  /** The word as the member typed it. */
  readonly word: string;
  /** The speakers the word names ("Sam" → sam Altman): their lines hold the concept. */
  readonly speakers: readonly number[];
  /** The word as typed first, then synonyms and translations the content holds; empty when none occurs. */
  readonly alternatives: readonly Alternative[];
  /** Inverse document frequency of the concept (its rarest form); the most for a concept the content lacks. */
  readonly weight: number;
}

/** What the concept planner asks of the content. */
export interface ContentStatistics {
  /** About how many lines hold `text` (normalised): 0 exactly when none does. */
  linesWith(text: string): number;
  /** About how many lines hold `text` right after a count (六个人, "eleven years"): 0 exactly when none does. */
  linesWithCountBefore(text: string): number;
  /** The speakers a normalised word names, and how many lines they speak. */
  speakersNamed(word: string): { readonly speakers: readonly number[]; readonly lines: number };
  readonly lineCount: number;
  /** The content's transliterated names that sound like a Latin name (Greg → 格雷格); empty when none. */
  namesSoundingLike(name: string): readonly string[];
}

const SYNONYM_VALUE = 0.85;
/** A translation whose gloss holds the English word or phrase whole. */
const TRANSLATION_VALUE = 0.9;
/** A translation made word by word, or from a gloss that holds only part of the phrase. */
const LOOSE_TRANSLATION_VALUE = 0.8;
/** What each translation is worth less than the one the dictionary ranks before it (among those the content holds). */
const DICTIONARY_RANK_STEP = 0.01;
/** A shorter dictionary word inside a compound the content lacks (投资者 → 投资). */
const PART_VALUE = 0.7;
/** Dictionary results looked through for those the content holds. */
const WIDE_LOOKUP = 40;
/** Through English and back (炒鱿鱼 → fire → 解雇), or a synonym of a translation (chaos → 紊乱 → 混乱). */
const BRIDGE_VALUE = 0.75;
/**
 * A Chinese word the content lacks in every form weighs this share of a rare word: members phrase questions in
 * words the transcript does not use (心情, 评价), which should not sink lines holding the rest. A missing Latin word
 * (GPT-5, a name) weighs fully: it names what the member is after.
 */
const MISSING_CHINESE_SHARE = 0.3;
/**
 * The noun a "what …" question asks for (有什么关系 "what relation", 开了什么玩笑 "what joke", 叫什么名字) names the
 * kind of answer, which the answer seldom says in those words: it weighs this share.
 */
const ANSWER_TYPE_SHARE = 0.5;
const WHAT_KIND = new Set(["什么", "啥", "哪些", "哪个", "哪种", "何种"]);

/** A transliterated name that sounds like the Latin one (consonants line up; vowels are not compared). */
const NAME_VALUE = 0.8;
const ALTERNATIVES = 6;
/** At most this many concepts are read from a query (the first ones). */
const MAX_CONCEPTS = 8;

export interface ConceptPlan {
  readonly concepts: readonly Concept[];
  /** The query is phrased as a sentence (it had question or function words), not as keywords. */
  readonly phrased: boolean;
}

/** The concepts of `query`: none when every word is a function word. */
export function conceptsOf(query: string, content: ContentStatistics): ConceptPlan {
  const cache = new Map<string, number>();
  const frequency = (text: string): number => {
    let count = cache.get(text);
    if (count === undefined) cache.set(text, (count = content.linesWith(text)));
    return count;
  };
  const occurs = (word: string): boolean => frequency(normalized(word)) > 0;
  // A Latin run's words are looked up to decide whether it splits, then again as concepts: once is enough.
  const looked = new Map<string, Alternative[]>();
  const alternativesFor = (word: string): Alternative[] => {
    let alternatives = looked.get(word);
    if (alternatives === undefined) looked.set(word, (alternatives = alternativesOf(word, occurs, content)));
    return alternatives;
  };
  const concepts: Concept[] = [];
  const segmented = queryWords(query);
  const answerTypes = answerTypeWords(segmented);
  const counts = countedUnits(segmented).map((count) => ({ count, concept: countConcept(count, content, frequency) }));
  // An English thing the content never counts is a word like any other ("how many people": people); a Chinese unit
  // never counted asks nothing the content can answer (人 alone is in every other line).
  const counting = new Set(
    counts.flatMap(({ count, concept }) =>
      concept !== undefined || !isLatinTerm(normalized(count.unit)) ? count.indexes : [],
    ),
  );
  const asked = segmented.filter((_, index) => !counting.has(index) && !isQuestionFrame(segmented, index));
  const words = groupLatinRuns(asked).flatMap((word) =>
    word.includes(" ") ? latinRunConcepts(word, occurs, alternativesFor) : [word],
  );
  for (const { concept } of counts) if (concept !== undefined) concepts.push(concept);
  for (const word of words.slice(0, MAX_CONCEPTS - concepts.length)) {
    const alternatives = alternativesFor(word).filter((alternative) => frequency(alternative.text) > 0);
    const named = speakersNamedBy(word, content);
    const found = Math.max(named.lines, ...alternatives.map((alternative) => frequency(alternative.text)));
    const rarity = rarityOf(found, content.lineCount);
    const missingChinese = found === 0 && !isLatinTerm(normalized(word));
    // A Chinese piece that is no dictionary word and not in the content is the segmenter's leftover (这件事里 →
    // 这件 + 事里), not something the member asked about.
    if (missingChinese && !isDictionaryWord(word)) continue;
    concepts.push({
      word,
      speakers: named.speakers,
      alternatives,
      weight:
        (missingChinese ? MISSING_CHINESE_SHARE * rarity : rarity) * (answerTypes.has(word) ? ANSWER_TYPE_SHARE : 1),
    });
  }
  return { concepts, phrased: segmented.some(isFunctionWord) };
}

/**
 * The concept of a thing a question counts (./counts.ts): its forms after a count, weighed by how rare that is (a
 * line with 六个人 answers 几个人); a vague count as typed (几天) where a line has it too. None when the content
 * holds neither.
 */
function countConcept(
  count: CountedUnit,
  content: ContentStatistics,
  frequency: (text: string) => number,
): Concept | undefined {
  // An English word as typed, and its translations, single characters too (people → 人), each counted as Chinese
  // counts (六个人); a Chinese unit as typed.
  const translations = isLatinTerm(normalized(count.unit))
    ? translateEnglish(count.unit, { limit: WIDE_LOOKUP, directOnly: true, characters: true }).filter(hasHan)
    : [];
  const forms = [count.unit, ...translations].flatMap((text, rank) =>
    (hasHan(text) ? countedForms(text) : [text]).map((form) => ({
      text: normalized(form),
      value: rank === 0 ? 1 : TRANSLATION_VALUE - DICTIONARY_RANK_STEP * (rank - 1),
    })),
  );
  const counted = forms
    .map((form) => ({ ...form, lines: content.linesWithCountBefore(form.text) }))
    .filter((form) => form.lines > 0);
  const vague = count.vague === undefined ? undefined : normalized(count.vague);
  const vagueLines = vague === undefined ? 0 : frequency(vague);
  const found = Math.max(vagueLines, ...counted.map((form) => form.lines));
  if (found === 0) return undefined;
  const alternatives: Alternative[] = counted.map(({ text, value }) => ({ text, value, afterCount: true as const }));
  if (vague !== undefined && vagueLines > 0) alternatives.push({ text: vague, value: 1 });
  return { word: count.typed, speakers: [], alternatives, weight: rarityOf(found, content.lineCount) };
}

/** Inverse document frequency: a concept in `found` of `lineCount` lines. */
function rarityOf(found: number, lineCount: number): number {
  return Math.log(1 + (lineCount + 1) / (found + 0.5));
}

/**
 * A run of Latin words stays one concept when the dictionary has it whole and the content holds a translation
 * ("stock options" → 股票期权), or when the content lacks one of its words in every form: a grand piano is nothing
 * grand. Otherwise each word is a concept ("AI safety"; "public perception" → 公众 … 看法).
 */
function latinRunConcepts(
  run: string,
  occurs: (word: string) => boolean,
  alternativesFor: (word: string) => readonly Alternative[],
): string[] {
  const whole = translateEnglish(run, { limit: WIDE_LOOKUP, directOnly: true });
  const words = run.split(" ");
  if (whole.length === 0) return words;
  const lacking = (word: string): boolean => !alternativesFor(word).some((alternative) => occurs(alternative.text));
  return whole.some(occurs) || words.some(lacking) ? [run] : words;
}

/**
 * "how many", "how much", "how long", "how often" and "how far" ask for an amount, as 几, 多少 and 多久 do: the word
 * after "how" frames the question (how much did the farmer charge → farmer, charge), it is not something to find.
 */
const HOW_AMOUNT = new Set(["many", "much", "long", "often", "far"]);

/** Whether the query's word at `index` only frames the question: a function word, or the amount of "how much". */
function isQuestionFrame(words: readonly string[], index: number): boolean {
  const word = words[index] ?? "";
  if (isFunctionWord(word)) return true;
  return HOW_AMOUNT.has(word.toLowerCase()) && words[index - 1]?.toLowerCase() === "how";
}

/** The words right after 什么, 哪些 … in the query: the kinds of answer asked for. */
function answerTypeWords(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  words.forEach((word, index) => {
    const next = words[index + 1];
    if (WHAT_KIND.has(word) && next !== undefined && /^\p{Script=Han}+$/u.test(next) && !isFunctionWord(next))
      out.add(next);
  });
  return out;
}

function alternativesOf(word: string, occurs: (word: string) => boolean, content: ContentStatistics): Alternative[] {
  const typed = normalized(word);
  const out: Alternative[] = [{ text: typed, value: 1 }];
  const add = (texts: readonly string[], value: number): void => {
    for (const text of texts.map(normalized)) {
      if (text !== "" && !out.some((alternative) => alternative.text === text)) out.push({ text, value });
    }
  };
  // Ask for many, keep the few the content holds: the right word is often not the dictionary's first.
  const wide = { limit: WIDE_LOOKUP, occurs };
  const held = (words: readonly string[], keep: (word: string) => boolean = () => true): string[] =>
    words.filter((candidate) => occurs(candidate) && keep(candidate)).slice(0, ALTERNATIVES);
  if (isLatinTerm(typed)) {
    // Chinese words only: the dictionary's Latin headwords (PA for "public address") would match inside English.
    const direct = translateEnglish(word, { ...wide, directOnly: true }).filter(hasHan);
    // Each later word is worth a little less: deal → 交易 before 处理 "deal with", in lines otherwise alike.
    const inDictionaryOrder = (texts: readonly string[], value: number): void =>
      texts.forEach((text, rank) => add([text], value - DICTIONARY_RANK_STEP * rank));
    inDictionaryOrder(held(direct), TRANSLATION_VALUE);
    // A term the dictionary has whole is not read word by word: "grand piano" is not 伟大 "grand".
    if (!word.includes(" ") || direct.length === 0)
      inDictionaryOrder(held(translateEnglish(word, wide).filter(hasHan)), LOOSE_TRANSLATION_VALUE);
    // A number word as Chinese text often writes it, in digits or numerals: seven → 7 (7万亿美元), six → 六,
    // twenty-seven → 27, 二十七.
    const digits = digitsOf(typed) ?? hyphenatedNumber(word);
    if (digits !== undefined) add(held([digits]), TRANSLATION_VALUE);
    // Digits as a transcript spells them: 27 → 二十七, twenty-seven; 6 → 六 (六个人); 1979 → "in seventy-nine".
    addNumber(out, digits ?? typed, occurs);
    // A translation's synonyms, of its main sense (hinge → 枢纽 "hub; hinge" is not 关键 "crux"; chaos → 紊乱 → 混乱).
    if (out.length === 1) {
      for (const translation of direct.slice(0, ALTERNATIVES)) {
        const sameSense = (synonym: string): boolean => sharesMainSense(translation, synonym);
        add(held(synonymsOf(translation, wide), sameSense), BRIDGE_VALUE);
      }
    }
    // Another word of the same family, when the word's own translations miss: candor → candid → 坦诚.
    for (const related of relatedEnglishWords(typed)) {
      if (out.length > 1) break;
      add(held(translateEnglish(related, { ...wide, directOnly: true })), LOOSE_TRANSLATION_VALUE);
    }
    // 移动设备 "mobile device" → 设备: a compound naming the word, whose head (its end) the content holds, when the
    // compound's gloss ends in the word too (teacher → 师范大学 "teachers' college" is not 大学). Its start only when
    // that still means the word (investors → 投资者 → 投资 "invest"): ticket → 飞机票 is not 飞机 "airplane".
    if (out.length === 1) {
      // A term's head is its last word: 首席 "chief" is not a chief executive.
      const head = normalized(word.split(" ").at(-1) ?? word);
      for (const translation of direct)
        add(
          heldParts(translation, occurs).filter(
            (part) => (translation.endsWith(part) && namedAsHead(translation, head)) || meansEnglishWord(part, head),
          ),
          PART_VALUE,
        );
    }
    // A name the dictionary lacks, written by sound: Greg → 格雷格 (a capital tells Trump the name from trump).
    if (out.length === 1 && (/^\p{Lu}/u.test(word) || !isEnglishWord(typed)))
      add(content.namesSoundingLike(typed), NAME_VALUE);
  } else {
    const sameSense = (other: string): boolean => sharesMainSense(word, other);
    add(held(synonymsOf(word, wide), sameSense), SYNONYM_VALUE);
    // Through English and back, for words that mean the same without being listed as synonyms (消息 → message →
    // 短信 "text message").
    for (const gloss of glossesOf(word))
      add(held(translateEnglish(gloss, { ...wide, directOnly: true }), sameSense), BRIDGE_VALUE);
    // A compound's head stands for it (打电话 → 电话 "通了电话"), whether or not the content holds the compound.
    add(heldParts(word, occurs), PART_VALUE);
    // A number in numerals as text often writes it, in digits (三点 → 3点: 下午 3 点), or alone in English words
    // (二十三 → 23, twenty-three). A dictionary word that starts with a numeral has a meaning of its own (十分 "very",
    // 四处 "everywhere"), unless it is all numerals (十五).
    const number = leadingNumber(word);
    if (number !== undefined && (number.rest === "" || !isDictionaryWord(word))) {
      addNumber(out, number.digits + number.rest, occurs);
      if (number.rest === "") addNumber(out, number.digits, occurs);
    }
    // A two-character word by the character that carries its meaning: 烫伤 "scald" → 烫 "scald; burn".
    if ([...word].length === 2)
      add(
        held([...word], (character) => sameFirstSense(word, character)),
        PART_VALUE,
      );
  }
  return out;
}

/**
 * A number's forms the content holds, each flagged as a number (it must not stand inside a larger one): `written`
 * as it is (3点, 23), and when it is digits alone, spelled out as numerals and English words (6 → 六; 27 →
 * twenty-seven, its words joined; 1979 → a short year, "seventy-nine", worth less).
 */
function addNumber(out: Alternative[], written: string, occurs: (word: string) => boolean): void {
  const spelled = spelledNumber(written);
  for (const [forms, value] of [
    [[written, ...spelled.chinese, ...spelled.english], TRANSLATION_VALUE],
    [spelled.shortYear, PART_VALUE],
  ] as const) {
    for (const form of forms) {
      const words = form.split(/[ -]/);
      const text = normalized(words.join(""));
      if (!occurs(text) || out.some((alternative) => alternative.text === text)) continue;
      const joins = joinsOf(words);
      out.push({ text, value, number: true, ...(joins.size > 0 ? { joins } : {}) });
    }
  }
}

function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/**
 * The speakers a word names, as written ("Sam" → sam Altman) or through its meaning (主持人 "host; presenter" →
 * presenters): their lines hold it.
 */
function speakersNamedBy(word: string, content: ContentStatistics): ReturnType<ContentStatistics["speakersNamed"]> {
  const forms = [normalized(word)];
  if (!isLatinTerm(forms[0]!)) {
    for (const gloss of glossesOf(word)) forms.push(normalized(gloss), normalized(`${gloss}s`));
  }
  const speakers = new Set<number>();
  let lines = 0;
  for (const form of forms) {
    const named = content.speakersNamed(form);
    for (const speaker of named.speakers) speakers.add(speaker);
    lines = Math.max(lines, named.lines);
  }
  return { speakers: [...speakers], lines };
}

/** `normalize`, remembered: the dictionary's words come back query after query, and conversion costs. */
function normalized(word: string): string {
  return normalizedWords.get(word, normalize);
}

const normalizedWords = new BoundedMemo<string, string>(10_000);

/**
 * The longest dictionary words a Chinese compound the content lacks starts or ends with: 投资者 → 投资 (investor →
 * invest), 移动设备 → 设备 (mobile device → device).
 */
function heldParts(word: string, occurs: (word: string) => boolean): string[] {
  const characters = [...word];
  if (characters.length < 3 || !/^\p{Script=Han}+$/u.test(word)) return [];
  for (let length = characters.length - 1; length >= 2; length--) {
    const parts: string[] = [];
    for (const start of new Set([0, characters.length - length])) {
      const part = characters.slice(start, start + length).join("");
      if (isDictionaryWord(part) && !isFunctionWord(part) && occurs(part)) parts.push(part);
    }
    if (parts.length > 0) return parts;
  }
  return [];
}
