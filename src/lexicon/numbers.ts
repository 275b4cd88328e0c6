/**
 * Numbers as transcripts spell them. Speech is written down in words more often than in digits ("twenty-seven
 * years", "六个人"), while members type digits: 27 → twenty-seven, 二十七; 2 → two, 二, 两; 1979 → nineteen
 * seventy-nine, 一九七九, 一千九百七十九.
 */

export interface SpelledNumber {
  /** English words, hyphens and spaces as written: "twenty-seven", "a hundred and thirty". */
  readonly english: readonly string[];
  /** Chinese numerals: 二十七, 两百, 一九七九. */
  readonly chinese: readonly string[];
  /** A year's last two digits as said in speech ("in seventy-nine" for 1979): a looser reading. */
  readonly shortYear: readonly string[];
}

const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

const DIGITS = "零一二三四五六七八九";
const UNITS = ["", "十", "百", "千"];

/** Numbers spelled out: up to 99,999,999 (Chinese up to 亿; English up to the thousands), no leading zero. */
const SPELLED = /^(?:0|[1-9]\d{0,7})$/;

/** The ways a number in digits is spelled; empty lists for anything else (a leading zero, too large a number). */
export function spelledNumber(digits: string): SpelledNumber {
  if (!SPELLED.test(digits)) return { english: [], chinese: [], shortYear: [] };
  const n = Number(digits);
  const year = n >= 1100 && n <= 2099 && n % 100 !== 0;
  return {
    english: unique([...englishCardinal(n), ...(year ? [englishYear(n)] : [])]),
    // 1 is not spelled 一: it is also the article ("一个人", a person), in nearly every line.
    chinese: n === 1 ? [] : unique([...chineseCardinal(n), ...(year ? chineseYear(digits) : [])]),
    shortYear: n >= 1900 && n <= 1999 && n % 100 >= 10 ? [englishBelow100(n % 100)] : [],
  };
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

function englishBelow100(n: number): string {
  if (n < 20) return ONES[n]!;
  const ones = n % 10;
  return TENS[Math.floor(n / 10)]! + (ones === 0 ? "" : `-${ONES[ones]!}`);
}

/** 130 → "one hundred and thirty", "a hundred and thirty", "one hundred thirty"; thousands only when round. */
function englishCardinal(n: number): string[] {
  if (n < 100) return [englishBelow100(n)];
  if (n < 1000) {
    const hundreds = ONES[Math.floor(n / 100)]!;
    const rest = n % 100;
    const heads = n < 200 ? [`${hundreds} hundred`, "a hundred"] : [`${hundreds} hundred`];
    if (rest === 0) return heads;
    return heads.flatMap((head) => [`${head} and ${englishBelow100(rest)}`, `${head} ${englishBelow100(rest)}`]);
  }
  if (n % 1000 === 0 && n < 100_000) return [`${englishBelow100(n / 1000)} thousand`];
  return [];
}

/** 1979 → "nineteen seventy-nine"; 1905 → "nineteen oh-five"; 2024 → "twenty twenty-four". */
function englishYear(n: number): string {
  const rest = n % 100;
  return `${englishBelow100(Math.floor(n / 100))} ${rest < 10 ? `oh-${ONES[rest]!}` : englishBelow100(rest)}`;
}

/**
 * 27 → 二十七, 105 → 一百零五, 10500 → 一万零五百; 2 → 二, 两; 200 → 二百, 两百 (两 before a measure word or a
 * unit, as speech has it).
 */
function chineseCardinal(n: number): string[] {
  const standard = n < 10_000 ? below10000(n) : `${below10000(Math.floor(n / 10_000))}万${afterWan(n % 10_000)}`;
  // 一十 is said 十 at the start: 十五, 十万.
  const said = standard.startsWith("一十") ? standard.slice(1) : standard;
  const out = [said];
  if (n === 2) out.push("两");
  else if (/^二[百千万]/.test(said)) out.push(`两${said.slice(1)}`);
  return out;
}

function below10000(n: number): string {
  if (n === 0) return "零";
  const digits = String(n);
  let out = "";
  let zero = false;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    const unit = UNITS[digits.length - 1 - i]!;
    if (digit === 0) {
      zero = true;
      continue;
    }
    if (zero && out !== "") out += "零";
    zero = false;
    out += DIGITS[digit]! + unit;
  }
  return out;
}

/** The part after 万: empty for none, 零 before it when it lacks its thousands (一万零五百). */
function afterWan(n: number): string {
  if (n === 0) return "";
  return (n < 1000 ? "零" : "") + below10000(n);
}

/** A year read digit by digit: 1979 → 一九七九; 2024 → 二〇二四 and 二零二四. */
function chineseYear(digits: string): string[] {
  const read = (zero: string): string => [...digits].map((d) => (d === "0" ? zero : DIGITS[Number(d)]!)).join("");
  return [read("〇"), read("零")];
}

/** Each numeral's value: DIGITS read back, with 〇 for zero and 两 for two. */
const NUMERAL_VALUES: Readonly<Record<string, number>> = {
  ...Object.fromEntries([...DIGITS].map((numeral, value) => [numeral, value])),
  〇: 0,
  两: 2,
};
const UNIT_VALUES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const LEADING_NUMERALS = /^[零〇一二两三四五六七八九十百千]+/u;

/**
 * A Chinese word that starts with a number in numerals, that number in digits and what follows it: 三点 → 3 + 点,
 * 二十三 → 23, 一百五十块 → 150 + 块, 一九七九 → 1979 (a year read digit by digit). Text often writes the number in
 * digits (下午 3 点, 7万亿). Undefined when the word does not start with one (一些 "some" and 一点 "a little" are
 * no numbers: a lone 一 followed by more is left alone).
 */
export function leadingNumber(word: string): { readonly digits: string; readonly rest: string } | undefined {
  const run = LEADING_NUMERALS.exec(word)?.[0];
  if (run === undefined || (run === "一" && word.length > 1)) return undefined;
  const rest = word.slice(run.length);
  if (![...run].some((char) => char in UNIT_VALUES)) {
    // Digit by digit, one numeral or a year: 三 → 3, 一九七九 → 1979; 五六 is "five or six", not 56.
    if (run.length !== 1 && run.length !== 4) return undefined;
    return { digits: [...run].map((char) => NUMERAL_VALUES[char]).join(""), rest };
  }
  let total = 0;
  let digit: number | undefined;
  for (const char of run) {
    const unit = UNIT_VALUES[char];
    if (unit === undefined) digit = NUMERAL_VALUES[char];
    else {
      total += (digit ?? 1) * unit;
      digit = undefined;
    }
  }
  return { digits: String(total + (digit ?? 0)), rest };
}

/**
 * An English number written as a hyphenated compound, in digits: twenty-seven → 27, Ninety-Nine → 99 (CC-CEDICT's
 * numerals give single words: seven, seventy). Undefined for anything else.
 */
export function hyphenatedNumber(word: string): string | undefined {
  const [tens = "", ones = "", ...more] = word.toLowerCase().split("-");
  const tensAt = TENS.indexOf(tens);
  const onesAt = ONES.indexOf(ones);
  if (more.length > 0 || tensAt < 2 || onesAt < 1 || onesAt > 9) return undefined;
  return String(tensAt * 10 + onesAt);
}

const UNIT_WORDS = ONES.slice(1, 10).join("|");
const TENS_WORDS = TENS.filter((tens) => tens !== "").join("|");
/** After a number word: "-nine" (seventy-nine), " hundred", " thousand" …: the number goes on. */
const GOES_ON = new RegExp(`^(?:-(?:${UNIT_WORDS})\\b|\\s+(?:hundred|thousand|million|billion)\\b)`, "i");
/** Before a number word: "seventy-" (seventy-nine), "hundred and " (a hundred and thirty). */
const CAME_BEFORE = new RegExp(`(?:\\b(?:${TENS_WORDS})-|\\bhundred\\s+(?:and\\s+)?)$`, "i");

/** Chinese numerals (simplified and traditional) and digits: a number beside one is part of a larger number. */
const CHINESE_NUMERAL = /[零〇一二三四五六七八九十百千万亿两萬億兩0-9０-９]/u;

/**
 * Whether a number spelled out, standing between `before` and `after` (the text around it), is only part of a larger
 * number: the "seventy" of "seventy-nine", the "seven" of "seven hundred" or "a hundred and seven", the 六 of 十六.
 */
export function partOfLargerNumber(before: string, after: string): boolean {
  return (
    GOES_ON.test(after) ||
    CAME_BEFORE.test(before) ||
    CHINESE_NUMERAL.test(before.slice(-1)) ||
    CHINESE_NUMERAL.test(after.charAt(0))
  );
}

/** Numbers in digits or Chinese numerals, "about" after them (四百多, 十几): a count before its unit (个人, 年). */
const COUNT_IN_FIGURES =
  /(?:(?<![\p{Script=Latin}\p{N}.-])[0-9０-９]+(?:[.,][0-9]+)*|[零〇一二两三四五六七八九十百千万亿萬億兩]+[多几余]?)\s*$/u;
/** English number words, not "one" (also the pronoun and the article's kin, in nearly every line). */
const COUNT_IN_WORDS = new RegExp(
  `(?<![\\p{L}\\p{N}\\-])(?:(?:${TENS_WORDS})(?:-(?:${UNIT_WORDS}))?|${ONES.slice(2).join("|")}|hundred|thousand|million|billion|dozen)\\s+$`,
  "iu",
);

/**
 * The count that `before` ends with, as written there (trailing space included), when a unit follows it: "六" of
 * 六个人, "3 " of 3 点, "eleven " of "eleven years", "四百多" of 四百多年. Undefined when there is none, and for a
 * lone 一 or "one" (一个人 is also "alone", one is also a pronoun).
 */
export function countBefore(before: string): string | undefined {
  const count = COUNT_IN_FIGURES.exec(before)?.[0] ?? COUNT_IN_WORDS.exec(before)?.[0];
  if (count === undefined || count.trim() === "一") return undefined;
  return count;
}
