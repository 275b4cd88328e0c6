/**
 * The mistakes people make writing an interview, recognised from what they wrote: near misses of the
 * markers the parser reads (parse.ts), with the spelling that was probably meant. Pure, and linear in
 * the text like the parser: every pattern here is anchored and bounded.
 *
 * Whether a finding is an error (the file is not loaded) or a warning (it is, and the finding is shown)
 * is the parser's call, because it depends on where the text would have gone: see parse.ts.
 */

/** The front matter keys the parser reads. */
export const FRONT_MATTER_KEYS = ["title", "description", "keywords", "categories", "category", "date", "source"];
const KEY_CANDIDATES = candidatesOf(FRONT_MATTER_KEYS);

/** The section labels the parser reads, in every spelling, and the name a message gives each. */
const SECTION_LABELS: readonly (readonly [string, string])[] = [
  ["Summary", "Summary"],
  ["详细描述", "Summary"],
  ["詳細描述", "Summary"],
  ["Explanation", "Explanation"],
  ["额外解释", "Explanation"],
  ["額外解釋", "Explanation"],
  ["Transcript", "Transcript"],
  ["访谈原文", "Transcript"],
  ["訪談原文", "Transcript"],
];

// Three rows of the distance table, reused: a front matter may have thousands of keys to check.
let rowLength = 32;
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Optimal string alignment distance (edits: insert, delete, replace, swap two neighbours), or
 * `max + 1` as soon as it must exceed `max`. Case-sensitive; callers lower-case first.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowLength <= b.length) {
    rowLength = b.length + 1;
    rows = [new Int32Array(rowLength), new Int32Array(rowLength), new Int32Array(rowLength)];
  }
  let [before, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? max + 1;
}

/** How far a word may be from the one meant: one edit in a short or Chinese word, two in a longer one. */
function allowedEdits(word: string): number {
  return word.length >= 6 && /^[\x20-\x7e]*$/.test(word) ? 2 : 1;
}

interface Candidate {
  readonly word: string;
  readonly lower: string;
  readonly max: number;
}

function candidatesOf(words: readonly string[]): readonly Candidate[] {
  return words.map((word) => ({ word, lower: word.toLowerCase(), max: allowedEdits(word) }));
}

/** The candidate `word` is closest to (ignoring case), when it is near enough to be a misspelling of it. */
function closestOf(word: string, candidates: readonly Candidate[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.lower, candidate.max);
    if (distance <= candidate.max && distance < bestDistance) {
      best = candidate.word;
      bestDistance = distance;
    }
  }
  return best;
}

/** The word of `words` that `word` is a misspelling of (ignoring case), if any. */
export function closest(word: string, words: readonly string[]): string | undefined {
  return closestOf(word, candidatesOf(words));
}

/**
 * Each top-level key of the front matter that `source` opens with (`---` on line 1): its 1-based file
 * line, for messages about it, and that line's text.
 */
export function frontMatterKeyLines(source: string): Map<string, { readonly line: number; readonly text: string }> {
  const lines = new Map<string, { line: number; text: string }>();
  // Line by line up to the closing `---`: the body, which may be megabytes, is never split.
  let start = source.indexOf("\n") + 1;
  for (let index = 1; start > 0 && start < source.length; index++) {
    const end = source.indexOf("\n", start);
    const raw = source.slice(start, end === -1 ? source.length : end);
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    start = end + 1;
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) break;
    if (line === "" || " \t-#'\"[{".includes(line[0] ?? "")) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    if (!lines.has(key)) lines.set(key, { line: index + 1, text: line });
  }
  return lines;
}

/** A warning for a front matter key the parser does not read but that is a misspelling of one it does. */
export function unknownKeyMessage(key: string): string | undefined {
  if (FRONT_MATTER_KEYS.includes(key)) return undefined;
  const meant = closestOf(key, KEY_CANDIDATES);
  return meant === undefined ? undefined : `unknown key \`${key}\` — did you mean \`${meant}\`?`;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why the date written on the front matter's `date:` line is not a day of the calendar, if it is not.
 * YAML reads `2024-13-45` as a date and rolls it over (to 2025-02-14), so the text is checked as written.
 */
export function impossibleDate(dateLine: string): string | undefined {
  const value = dateLine.slice(dateLine.indexOf(":") + 1).trim().replace(/^['"]|['"]$/g, "");
  const parts = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[ tT])/.exec(value);
  if (parts === null) return undefined;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12) return `\`date\` ${value} is not a date: there is no month ${month} (write it as YYYY-MM-DD)`;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day < 1 || day > days) {
    return `\`date\` ${value} is not a date: month ${month} of ${year} has ${days} days (write it as YYYY-MM-DD)`;
  }
  return undefined;
}

// `### Question 1 The first topic`, `# 问题1：…`, `### 问题五：…`: a heading that starts like a question
// heading but that QUESTION_HEADING (parse.ts) does not read. Anchored; each run is bounded or followed by
// a class it cannot overlap, so a long line is read once.
const QUESTION_LIKE = /^(#{1,6})([ \t]*)(问题|問題|question|q)([ \t]*)(\d{1,6}|[一二三四五六七八九十百零〇两]{1,6})(.*)$/is;
const SEPARATORS = "-–—.、)）|/";

/**
 * What is wrong with a heading that looks like a question heading but is not read as one (the parser
 * has already tried QUESTION_HEADING), with the heading as it should be written; else undefined.
 */
export function questionHeadingMistake(line: string): string | undefined {
  const match = QUESTION_LIKE.exec(line);
  if (match === null) return undefined;
  const [, hashes = "", gap = "", word = "", space = "", number = "", rest = ""] = match;
  const digits = /^\d+$/.test(number);
  let title = rest.trimStart();
  const hasColon = title.startsWith(":") || title.startsWith("：");
  if (hasColon || SEPARATORS.includes(title[0] ?? "\n")) title = title.slice(1).trimStart();
  // A heading that names no title (`### Q1`) after something else (`### Q1 2024 figures`) still gets one.
  if (title === "") title = "…";
  const level = hashes.length >= 2 && hashes.length <= 4 ? hashes : "###";
  const shown = title.length > 40 ? `${title.slice(0, 39)}…` : title;
  const suggestion = `\`${level}${gap || " "}${word}${space}${digits ? number : "N"}: ${shown}\``;
  if (!digits) return `this heading looks like a question but its number is not written in digits — write ${suggestion}`;
  if (level !== hashes) {
    return `a question heading starts with ##, ### or ####, not ${hashes} — write ${suggestion}`;
  }
  return hasColon ? undefined : `this heading looks like a question but has no colon — write ${suggestion}`;
}

// `- **Summery**: …`, `* **详细描素：** …`: a bullet whose bold label is not one the parser reads. The label
// is at most 20 characters, and only the line's first LABEL_SPAN characters are read, so a line of a
// million spaces after `- **a` costs no more than a short one.
const LABEL_SPAN = 120;
const LABEL_CANDIDATES = candidatesOf(SECTION_LABELS.map(([label]) => label));
const LABELLED_BULLET = /^[ \t]*[-*+][ \t]+\*\*[ \t]*([^*:：\n]{1,20}?)[ \t]*(?:[:：][ \t]*)?\*\*/;

/** For a bullet with a misspelled section label: the label as written and the one meant. */
export function misspelledLabel(line: string): { readonly written: string; readonly meant: string; readonly section: string } | undefined {
  const written = LABELLED_BULLET.exec(line.slice(0, LABEL_SPAN))?.[1]?.trim();
  if (written === undefined || written === "") return undefined;
  const meant = closestOf(written, LABEL_CANDIDATES);
  const section = SECTION_LABELS.find(([label]) => label === meant)?.[1];
  return meant === undefined || section === undefined ? undefined : { written, meant, section };
}

// `**Host: text` with no closing `**` on the line: a speaker label left open.
const OPEN_LABEL = /^\*\*[ \t]*([^*\n:：]{1,40}?)[ \t]*[:：]/;

/** The speaker named by a label opened with `**` but never closed on its line, as in `**Host: text`. */
export function unclosedSpeakerLabel(firstLine: string): string | undefined {
  const name = OPEN_LABEL.exec(firstLine.slice(0, LABEL_SPAN))?.[1]?.trim();
  if (name === undefined || name === "" || firstLine.includes("**", 2)) return undefined;
  return name;
}
