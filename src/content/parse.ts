/**
 * Markdown with YAML front matter → Interview. Pure: text in, an interview or a list of errors out.
 * Never throws on any input; runs in time linear in the text.
 *
 * Over 300 lines because it is one pass over the lines (front matter, headings, sections, speaker turns): the
 * patterns and helpers here serve only that pass and its error messages.
 */
import matter from "gray-matter";
import {
  frontMatterKeyLines,
  impossibleDate,
  misspelledLabel,
  questionHeadingMistake,
  unclosedSpeakerLabel,
  unknownKeyMessage,
} from "./mistakes.js";
import type { ContentError, ContentWarning, Interview, Question, TranscriptLine } from "./model.js";

/**
 * An interview, or the errors that keep the file from loading; either way, the warnings: likely mistakes
 * that lose or misplace nothing for certain (see `warn` in parseInterview).
 */
export type ParseResult =
  | { readonly ok: true; readonly interview: Interview; readonly warnings: readonly ContentWarning[] }
  | { readonly ok: false; readonly errors: readonly ContentError[]; readonly warnings: readonly ContentWarning[] };

// The patterns never put two unbounded runs of the same characters side by side (`[ \t]*[:：]?[ \t]*`),
// so they run in linear time: a line of a million spaces must not freeze the bot (test/fuzz/parse.test.ts).
// `### 问题1: title`, `### Question 2：title`, `## Q3: title`; spaces optional, `:` or `：`.
// The groups: what comes before the number (to suggest the next heading as the file writes them), the
// number, the colon, the title.
const QUESTION_HEADING = /^(#{2,4}[ \t]*(?:问题|問題|question|q)[ \t]*)(\d{1,6})[ \t]*([:：])(.*)$/is;
// Any other heading ends the current question's section.
const OTHER_HEADING = /^#{1,6}[ \t]/;
// `- **详细描述**：text`, `* **Summary:** text`
const SECTION_BULLET =
  /^[ \t]*[-*+][ \t]+\*\*[ \t]*(详细描述|詳細描述|summary|额外解释|額外解釋|explanation|访谈原文|訪談原文|transcript)[ \t]*(?:[:：][ \t]*)?\*\*[ \t]*(?:[:：][ \t]*)?(.*)$/is;
// `**sam Altman：**  text` or `**Name:** text` (also `**Name**: text`) at the start of a paragraph.
const SPEAKER_LABEL = /^\*\*[ \t]*([^*\n:：]{1,80}?)[ \t]*(?:[:：][ \t]*\*\*|\*\*[ \t]*[:：])[ \t]*(.*)$/s;
// `**访谈视频：**[text](url)` — the interview's source link. The link text stops at a bracket and the
// address at a bracket or `*`, so attempts starting at successive `**` never rescan the same text.
const SOURCE_LINK =
  /\*\*[ \t]*(?:访谈视频|訪談視頻|访谈链接|视频|來源|来源|video|source|link)[ \t]*(?:[:：][ \t]*)?\*\*[ \t]*(?:[:：][ \t]*)?\[[^[\]\n]*\]\((https?:\/\/[^)\s*[\]]+)\)/i;

/** Discord refuses a whole message whose embed links to anything but a well-formed web address. */
const MAX_URL_LENGTH = 2048;

/**
 * `url` when Discord can link to it (http or https, a dotted host, at most 2,048 characters), else
 * undefined; written as the URI Discord's API takes (an address in other scripts gets its punycode host and
 * percent-encoded path, as a browser would send it).
 */
function linkable(url: string | undefined): string | undefined {
  const candidate = url?.trim();
  if (candidate === undefined || !URL.canParse(candidate)) return undefined;
  const parsed = new URL(candidate);
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || !parsed.hostname.includes(".")) return undefined;
  const uri = asUri(parsed);
  const link = uri === candidate || uri === `${candidate}/` ? candidate : uri;
  return link.length <= MAX_URL_LENGTH ? link : undefined;
}

/** What RFC 3986 lets a path, query or fragment hold as it is; anything else is percent-encoded. */
const NOT_URI_CHARACTER = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu;

function percentEncode(part: string): string {
  return part.replace(NOT_URI_CHARACTER, (character) =>
    [...Buffer.from(character)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

/** A parsed web address as an RFC 3986 URI (no credentials). */
function asUri(url: URL): string {
  const fragment = url.hash === "" ? "" : `#${percentEncode(url.hash.slice(1))}`;
  return `${url.protocol}//${url.host}${percentEncode(url.pathname)}${percentEncode(url.search)}${fragment}`;
}

type Section = "none" | "summary" | "explanation" | "transcript";

const SECTION_NAMES: Record<Exclude<Section, "none">, string> = {
  summary: "Summary",
  explanation: "Explanation",
  transcript: "Transcript",
};
const WITH_ARTICLE: Record<Exclude<Section, "none">, string> = {
  summary: "a Summary",
  explanation: "an Explanation",
  transcript: "a Transcript",
};

function sectionOf(label: string): Section {
  const lower = label.toLowerCase();
  if (lower === "summary" || label.startsWith("详") || label.startsWith("詳")) return "summary";
  if (lower === "explanation" || label.startsWith("额") || label.startsWith("額")) return "explanation";
  return "transcript";
}

// gray-matter can evaluate `---js` front matter; content is data, never code.
const refuseEngine = {
  parse(): never {
    throw new Error("only YAML front matter is supported");
  },
};
const MATTER_OPTIONS = {
  language: "yaml",
  engines: { js: refuseEngine, javascript: refuseEngine, coffee: refuseEngine, coffeescript: refuseEngine },
} as const;

interface FrontMatterError {
  readonly message: string;
  readonly line: number | undefined;
}

function yamlErrorOf(error: unknown): FrontMatterError {
  const e = error as { reason?: unknown; mark?: { line?: unknown }; message?: unknown };
  // js-yaml counts from 0 within the block, whose line 0 is the rest of the opening `---` line.
  const line = typeof e.mark?.line === "number" ? e.mark.line + 1 : 1;
  const reason = typeof e.reason === "string" ? e.reason : typeof e.message === "string" ? e.message : String(error);
  return { message: `the front matter is not valid YAML: ${reason}`, line };
}

function asStringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") {
    return value
      .split(/[,，、;；]/)
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
  }
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
    return value.map((item) => String(item).trim()).filter((item) => item.length > 0);
  }
  return undefined;
}

function asIsoDate(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value.trim()) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 10);
}

/** `Title ##` → `Title`: drops the optional closing `#`s of an ATX heading (a loop: a regex here is quadratic). */
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && " \t#".includes(text[end - 1] ?? "")) end--;
  return text.slice(0, end);
}

/** Bold markers and stray whitespace never reach the text a user sees. */
function cleanInline(text: string): string {
  return text.replace(/\*\*/g, "").replace(/\s+/g, " ").trim();
}

const CJK_EDGE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** Joins a paragraph's physical lines: no space between two CJK characters, one space otherwise. */
function joinLines(parts: readonly string[]): string {
  let joined = "";
  for (const part of parts) {
    if (part === "") continue;
    if (joined !== "" && !(CJK_EDGE.test(joined.at(-1) ?? "") && CJK_EDGE.test(part[0] ?? ""))) joined += " ";
    joined += part;
  }
  return joined;
}

/** Strips quote-block markers (`>`, `> >`) from a line. */
function unquote(line: string): string {
  return line.replace(/^[ \t]*(?:>[ \t]?)+/, "");
}

interface QuestionDraft {
  number: number;
  title: string;
  sourceLine: number;
  /** The heading up to its number and its colon (`### 问题`, `：`), to suggest the next heading. */
  headingPrefix: string;
  colon: string;
  /** The line of each section bullet met so far (an object, not a Map: a file may hold 500,000 questions). */
  bullets: Partial<Record<Section, number>>;
  summary: string[];
  explanation: string[];
  lines: TranscriptLine[];
}

/**
 * Parses one interview file. `id` is the file name without `.md`; `file` names it in errors.
 */
export function parseInterview(text: string, id: string, file: string): ParseResult {
  const errors: ContentError[] = [];
  const fail = (message: string, line?: number): void => {
    errors.push({ file, line, message });
  };
  // A mistake is an error when text the author meant as content is certainly not shown (lost); a warning
  // when the text is still shown, only misplaced, or when the mistake is a guess (a misspelled key may be
  // another tool's). Warnings never keep a file from loading; `check-content --strict` refuses them.
  const warnings: ContentWarning[] = [];
  const warn = (message: string, line: number | undefined): void => {
    warnings.push({ file, line, message });
  };
  const refuse = (error: ContentError): ParseResult => ({ ok: false, errors: [error], warnings: [] });

  if (text.trim() === "") return refuse({ file, line: undefined, message: "the file is empty" });
  const source = text.replace(/^\uFEFF/, "");

  let data: Record<string, unknown> = {};
  let body = source;
  const opening = /^---([A-Za-z]*)[ \t]*\r?\n/.exec(source);
  if (opening) {
    if (opening[1] !== "" && opening[1]?.toLowerCase() !== "yaml") {
      return refuse({ file, line: 1, message: `only YAML front matter is supported, not "${opening[1]}"` });
    }
    if (!/\r?\n---[ \t]*(?:\r?\n|$)/.test(source.slice(opening[0].length - 1))) {
      return refuse({ file, line: 1, message: "the front matter starts with --- but is never closed by another ---" });
    }
    try {
      const parsed = matter(source, MATTER_OPTIONS);
      data = parsed.data !== null && typeof parsed.data === "object" ? (parsed.data) : {};
      body = parsed.content;
    } catch (error) {
      const { message, line } = yamlErrorOf(error);
      return refuse({ file, line, message });
    }
  }
  const keyLines = opening ? frontMatterKeyLines(source) : new Map<string, { line: number; text: string }>();
  for (const key of Object.keys(data)) {
    const message = unknownKeyMessage(key);
    if (message !== undefined) warn(message, keyLines.get(key)?.line ?? 1);
  }
  // Body lines are numbered as they stand in the file.
  const bodyStartLine = source.endsWith(body) ? countLines(source.slice(0, source.length - body.length)) + 1 : 1;

  const title = typeof data.title === "string" || typeof data.title === "number" ? cleanInline(String(data.title)) : "";
  if (title === "") fail("the front matter has no title (add `title: …` between the --- lines)", 1);
  const description = typeof data.description === "string" ? cleanInline(data.description) : "";
  const keywords = asStringList(data.keywords);
  if (keywords === undefined) fail("`keywords` must be a comma-separated text or a list of words", 1);
  const categories = asStringList(data.categories ?? data.category);
  if (categories === undefined) fail("`categories` must be a comma-separated text or a list of words", 1);
  const date = asIsoDate(data.date);
  const dateLine = keyLines.get("date");
  // YAML rolls an impossible day over into a real one (2024-13-45 → 2025-02-14): an error like any date
  // that is not one, since the wrong date would be shown and would decide which interview is the newest.
  const notADay = dateLine === undefined ? undefined : impossibleDate(dateLine.text);
  if (date === null) fail("`date` is not a date (write it as YYYY-MM-DD)", dateLine?.line ?? 1);
  else if (notADay !== undefined) fail(notADay, dateLine?.line);
  let sourceUrl = typeof data.source === "string" ? linkable(data.source) : undefined;

  const questions: QuestionDraft[] = [];
  const firstLineOfQuestion = new Map<number, number>();
  const allLines: TranscriptLine[] = [];
  let current: QuestionDraft | undefined;
  let section: Section = "none";
  let speaker = "";
  let paragraph: string[] = [];
  let paragraphLine = 0;
  // A heading that looks like a question's but is not read as one: everything under it until the next
  // heading is not shown. An error when something under it was written as a question's content.
  let missedHeading: { line: number; message: string; lost: boolean } | undefined;
  const settleMissedHeading = (): void => {
    if (missedHeading === undefined) return;
    const { line, message, lost } = missedHeading;
    if (lost) fail(`${message} (the question and its text are not shown)`, line);
    else warn(message, line);
    missedHeading = undefined;
  };

  const flushParagraph = (): void => {
    if (current === undefined || paragraph.length === 0) {
      paragraph = [];
      return;
    }
    let first = paragraph[0] ?? "";
    // Speaker labels open the transcript; inside a summary or explanation, bold text is just bold text.
    const label = section === "summary" || section === "explanation" ? null : SPEAKER_LABEL.exec(first);
    if (label) {
      speaker = cleanInline(label[1] ?? "");
      first = label[2] ?? "";
      section = "transcript";
    } else if (section !== "summary" && section !== "explanation") {
      const open = unclosedSpeakerLabel(first);
      const fix = `write \`**${open ?? ""}:**\``;
      // Before the transcript starts, the paragraph is dropped (lost); in it, it goes to the last speaker.
      if (open !== undefined && section === "none") {
        fail(`the speaker label \`**${open}:\` is not closed, so this paragraph is not shown — ${fix}`, paragraphLine);
      } else if (open !== undefined) {
        const previous = speaker === "" ? "no speaker" : `the previous speaker (${speaker})`;
        warn(`the speaker label \`**${open}:\` is not closed, so this paragraph is given to ${previous} — ${fix}`, paragraphLine);
      }
    }
    const content = joinLines([first, ...paragraph.slice(1)].map(cleanInline));
    // A paragraph of bare markup (`**`) shows nothing: it adds no empty paragraph to a summary (Discord
    // refuses a field of whitespace) and no empty line to the transcript.
    if (content === "") {
      paragraph = [];
      return;
    }
    if (section === "summary") current.summary.push(content);
    else if (section === "explanation") current.explanation.push(content);
    else if (section === "transcript") {
      const line: TranscriptLine = {
        number: allLines.length + 1,
        question: current.number,
        speaker,
        text: content,
        sourceLine: paragraphLine,
      };
      current.lines.push(line);
      allLines.push(line);
    }
    paragraph = [];
  };

  const bodyLines = body.split(/\r?\n/);
  for (let index = 0; index < bodyLines.length; index++) {
    const lineNumber = bodyStartLine + index;
    const raw = bodyLines[index] ?? "";
    const heading = QUESTION_HEADING.exec(raw);
    if (heading) {
      flushParagraph();
      settleMissedHeading();
      const number = Number(heading[2]);
      const questionTitle = cleanInline(withoutClosingHashes(heading[4] ?? ""));
      const earlier = firstLineOfQuestion.get(number);
      if (earlier !== undefined) fail(`question ${number} appears twice (first at line ${earlier})`, lineNumber);
      else firstLineOfQuestion.set(number, lineNumber);
      if (questionTitle === "") fail(`question ${number} has no title after the colon`, lineNumber);
      current = {
        number,
        title: questionTitle,
        sourceLine: lineNumber,
        headingPrefix: (heading[1] ?? "").trimEnd(),
        colon: heading[3] ?? ":",
        bullets: {},
        summary: [],
        explanation: [],
        lines: [],
      };
      questions.push(current);
      section = "none";
      speaker = "";
      continue;
    }
    if (OTHER_HEADING.test(raw)) {
      flushParagraph();
      settleMissedHeading();
      current = undefined;
      const mistake = questionHeadingMistake(raw);
      if (mistake !== undefined) missedHeading = { line: lineNumber, message: mistake, lost: false };
      continue;
    }
    if (current === undefined) {
      // Under a missed question heading, a section bullet or a speaker label shows the text was content.
      if (missedHeading !== undefined && (SECTION_BULLET.test(raw) || SPEAKER_LABEL.test(unquote(raw)))) {
        missedHeading.lost = true;
      }
      sourceUrl ??= linkable(SOURCE_LINK.exec(raw)?.[1]);
      continue;
    }
    const bullet = SECTION_BULLET.exec(raw);
    if (bullet) {
      flushParagraph();
      section = sectionOf(bullet[1] ?? "");
      const seen = current.bullets[section];
      if (seen !== undefined) {
        // Two summaries in one question: most likely the next question's heading was deleted.
        const next = `\`${current.headingPrefix}${current.number + 1}${current.colon} …\``;
        warn(
          `question ${current.number} already has ${WITH_ARTICLE[section as Exclude<Section, "none">]} (line ${seen}), so this one is added to it — is a heading like ${next} missing above?`,
          lineNumber,
        );
      } else current.bullets[section] = lineNumber;
      const rest = bullet[2] ?? "";
      if (rest.trim() !== "") {
        paragraph = [rest];
        paragraphLine = lineNumber;
      }
      continue;
    }
    const line = unquote(raw).trim();
    if (line === "") {
      flushParagraph();
      continue;
    }
    const misspelled = misspelledLabel(raw);
    if (misspelled !== undefined) {
      const { written, meant } = misspelled;
      const hint = `unknown label \`${written}\` — did you mean \`${meant}\`?`;
      // Before the question's first section, its text goes nowhere (lost); after one, it is added to it.
      if (section === "none") fail(`${hint} (this text is not shown)`, lineNumber);
      else {
        const into = SECTION_NAMES[section];
        warn(`${hint} (this text is shown as part of the ${into} above)`, lineNumber);
      }
    }
    if (paragraph.length === 0) paragraphLine = lineNumber;
    paragraph.push(line);
  }
  flushParagraph();
  settleMissedHeading();

  if (questions.length === 0) {
    fail("no question headings found (expected lines like `### 问题1: title` or `### Question 1: title`)", bodyStartLine);
  }
  warnAboutNumbering(questions, warn);
  if (errors.length > 0) return { ok: false, errors, warnings };

  const finished: Question[] = questions.map((draft) => ({
    number: draft.number,
    title: draft.title,
    summary: draft.summary.join("\n\n"),
    explanation: draft.explanation.join("\n\n"),
    lines: draft.lines,
    sourceLine: draft.sourceLine,
  }));
  const speakers = [...new Set(allLines.map((line) => line.speaker).filter((name) => name !== ""))];
  return {
    ok: true,
    warnings,
    interview: {
      id,
      file,
      title,
      description,
      keywords: keywords ?? [],
      categories: categories ?? [],
      date: date ?? undefined,
      sourceUrl,
      questions: finished,
      lines: allLines,
      speakers,
    },
  };
}

/**
 * Question numbers that skip one (`4` then `6`: a deleted heading merges question 5 into 4), go back, or
 * start after 1. Warnings: the text is all shown, and a file may number its questions its own way.
 */
function warnAboutNumbering(
  questions: readonly QuestionDraft[],
  warn: (message: string, line: number | undefined) => void,
): void {
  const first = questions[0];
  if (first !== undefined && first.number > 1) {
    warn(`the first question is number ${first.number}: is a heading missing above it?`, first.sourceLine);
  }
  for (let index = 1; index < questions.length; index++) {
    const previous = questions[index - 1]?.number ?? 0;
    const question = questions[index];
    if (question === undefined || question.number === previous) continue;
    if (question.number > previous + 1) {
      const missing = question.number === previous + 2 ? `question ${previous + 1}'s heading` : "a heading";
      warn(`question numbers jump from ${previous} to ${question.number} — is ${missing} missing?`, question.sourceLine);
    } else if (question.number < previous) {
      warn(`question ${question.number} comes after question ${previous}: are the numbers out of order?`, question.sourceLine);
    }
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
