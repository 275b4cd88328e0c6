/**
 * Generators for the fuzz tests — unit (test/fuzz) and end-to-end (test/e2e/fuzz.test.ts) — and the
 * environment variables that size and replay them:
 *
 * - `FUZZ_RUNS`: runs of each property (each test has its own small default);
 * - `FUZZ_SEED` (and `FUZZ_PATH`): replay the failure fast-check printed.
 *
 * Over 300 lines on purpose: its four sections (text, Markdown-ish files, well-formed interviews,
 * interactions) build on one another, and one module is what both kinds of fuzzing import.
 */
import fc from "fast-check";
import type { ContentLibrary } from "../../src/content/model.js";
import { customId } from "../../src/render/custom-ids.js";

/** A positive integer from the environment, or the default. */
export function envCount(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** fast-check parameters: `FUZZ_RUNS` runs (default `runs`), replaying `FUZZ_SEED`/`FUZZ_PATH` when set. */
export function fuzzParameters<T>(runs: number): fc.Parameters<T> {
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: envCount("FUZZ_RUNS", runs),
    ...(Number.isSafeInteger(seed) ? { seed } : {}),
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
  };
}

// ─── Text ───────────────────────────────────────────────────────────────────────────────────────

/** Strings that have broken chat bots: mentions, Markdown, escapes, invisible and line-breaking characters. */
export const TRICKY = [
  "@everyone",
  "@here",
  "<@1100000000000000002>",
  "<@!1100000000000000002>",
  "<@&1187654321098765111>",
  "<#1187654321098765001>",
  "**",
  "*",
  "_",
  "~~",
  "`",
  "```",
  "||",
  "\\",
  "[link](https://example.com)",
  "> ",
  "# ",
  "- ",
  "---",
  ":",
  "：",
  "%3A",
  "%25",
  "%",
  "\u200b",
  "\u2028",
  "\u2029",
  "\t",
  "\u0000",
  "\ud800",
  "\udfff",
  "\u202e",
  "e\u0301",
  "👨‍👩‍👧‍👦",
  "\ufeff",
  "董事会",
  "董事會",
  "dongshihui",
  "Ｓａｍ",
  "sam Altman",
  "ChatGPT",
] as const;

/** One line of arbitrary text: printable graphemes, any code point, or a mix with the tricky strings. */
export function inlineText(maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength }) },
    {
      weight: 3,
      arbitrary: fc
        .array(
          fc.oneof(
            fc.constantFrom(...TRICKY),
            fc.string({ unit: "grapheme-ascii", maxLength: 8 }),
            fc.string({ unit: "binary", maxLength: 3 }),
          ),
          { maxLength: 8 },
        )
        .map((parts) => parts.join("")),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength }) },
  );
}

/** Text without line breaks that still has something to show once bold markers and spaces are gone. */
export function visibleText(maxLength = 40): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom("A", "z", "董", "Ж", "7", "é"), inlineText(maxLength))
    .map(([first, rest]) => (first + rest).replace(/[\r\n]/g, " "));
}

/** Up to `max` characters: a short text repeated, to reach Discord's and our length limits. */
export function hugeText(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(inlineText(12), fc.integer({ min: 1, max }))
    .map(([unit, count]) => (unit || "x").repeat(count).slice(0, max));
}

// ─── Markdown-ish interview files ───────────────────────────────────────────────────────────────

/** Web addresses, linkable or not by Discord. */
export const URLS = [
  "https://example.com/video",
  "http://b23.tv/85KHdUL",
  "https://例子.测试/路径?q=1",
  "http://",
  "https://",
  "https://exa mple.com",
  "http://localhost",
  "https://example.com/a)b",
  "javascript:alert(1)",
  `https://example.com/${"a".repeat(2100)}`,
] as const;

const eol = fc.constantFrom("\n", "\r\n");

const headingLine = fc
  .tuple(
    fc.constantFrom("#", "##", "###", "####", "#####"),
    fc.constantFrom(" ", "", " \t "),
    fc.constantFrom("Question", "question", "Q", "q", "问题", "問題", "Topic"),
    fc.constantFrom(" ", ""),
    fc.oneof(fc.nat({ max: 30 }), fc.nat({ max: 99_999_999 })),
    fc.constantFrom(":", "：", " ", ""),
    inlineText(),
    fc.constantFrom("", " ##", "   ", " \t#"),
  )
  .map(
    ([hashes, gap, word, space, number, colon, title, tail]) =>
      `${hashes}${gap}${word}${space}${number}${colon} ${title}${tail}`,
  );

const bulletLine = fc
  .tuple(
    fc.constantFrom("- ", "* ", "+ ", "  - ", "-"),
    fc.constantFrom(
      "**Summary**:",
      "**Summary:**",
      "**详细描述**：",
      "**Explanation**",
      "**额外解释**：",
      "**Transcript**",
      "**访谈原文**：",
      "**transcript",
      "**Other**:",
    ),
    fc.constantFrom(" ", "", "   "),
    fc.oneof(fc.constant(""), inlineText()),
  )
  .map((parts) => parts.join(""));

const speakerName = fc.oneof(
  fc.constantFrom("Host", "Guest", "sam Altman", "主持人", "presenters", " ", "a".repeat(90)),
  inlineText(20).map((name) => name.replace(/[*:：\r\n]/g, "")),
);

const speakerLine = fc
  .tuple(
    fc.constantFrom("**", "** "),
    speakerName,
    fc.constantFrom(":**", "：**", "**:", "**：", "**"),
    fc.constantFrom(" ", "  ", ""),
    inlineText(),
  )
  .map((parts) => parts.join(""));

const sourceLine = fc
  .tuple(
    fc.constantFrom("**访谈视频：**", "**Source:**", "**source**", "**link**:", "**video** ："),
    fc.constantFrom("[v]", "[]", "[", "[a long title]"),
    fc.constantFrom("(", ""),
    fc.oneof(fc.constantFrom(...URLS), fc.webUrl()),
    fc.constantFrom(")", ""),
  )
  .map((parts) => parts.join(""));

/** Lines of markup with nothing to show. */
const bareMarkers = fc.constantFrom("**", "****", "  ** **", "> **", "\u200b");

const markdownLine = fc.oneof(
  { weight: 3, arbitrary: headingLine },
  { weight: 3, arbitrary: bulletLine },
  { weight: 4, arbitrary: speakerLine },
  { weight: 1, arbitrary: sourceLine },
  { weight: 1, arbitrary: inlineText().map((text) => `> ${text}`) },
  { weight: 1, arbitrary: inlineText().map((text) => `# ${text}`) },
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constant("---") },
  { weight: 1, arbitrary: bareMarkers },
  { weight: 4, arbitrary: inlineText() },
);

const yamlValue = fc.oneof(
  inlineText().map((text) => JSON.stringify(text)),
  inlineText(),
  fc.integer().map(String),
  fc.array(inlineText(10), { maxLength: 4 }).map((list) => JSON.stringify(list)),
  fc.constantFrom(...URLS).map((url) => JSON.stringify(url)),
  fc.constantFrom(
    "[oops",
    "&a [*a, *a]",
    "!!binary aGVsbG8=",
    "!!js/function 'function(){}'",
    "~",
    "null",
    "2024-05-11",
    "2024-13-45",
    "99999-01-01",
    "{a: 1}",
    "|\n  block\n  text",
    "'unterminated",
    "\t",
  ),
);

const frontMatter = fc
  .array(
    fc.tuple(
      fc.constantFrom("title", "title", "description", "keywords", "categories", "category", "date", "source", "extra"),
      yamlValue,
    ),
    { maxLength: 8 },
  )
  .map((entries) => entries.map(([key, value]) => `${key}: ${value}`));

/** Arbitrary Markdown-ish text: mostly interview-shaped (front matter, headings, bullets, labels), some pure noise. */
export const markdownish: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "\ufeff"),
        fc.constantFrom("---", "---yaml", "---js", "--- ", "---json", ""),
        frontMatter,
        fc.constantFrom("---", "", "--- ", "..."),
        fc.array(markdownLine, { maxLength: 60 }),
        eol,
      )
      .map(([bom, open, matter, close, body, newline]) => bom + [open, ...matter, close, ...body].join(newline)),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.array(markdownLine, { maxLength: 40 }), eol).map(([body, newline]) => body.join(newline)),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 400 }) },
);

// ─── Well-formed interviews ─────────────────────────────────────────────────────────────────────

/** An interview file that is valid by construction, with odd text in every place text can go. */
export interface GeneratedFile {
  readonly id: string;
  readonly text: string;
  /** Question numbers, in file order (empty when not known in advance). */
  readonly questions: readonly number[];
}

const interviewId = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/) },
  { weight: 1, arbitrary: fc.constantFrom("a:b", "100%", "访谈-一", "x".repeat(120), "Mixed Case", "a%3Ab") },
  { weight: 1, arbitrary: visibleText(20).map((id) => id.replace(/[/\\\0]/g, "_")) },
);

const paragraph = fc.oneof(
  visibleText(60),
  hugeText(3000).map((text) => `A${text.replace(/[\r\n]/g, " ")}`),
);

const questionSection = fc.record({
  title: fc.oneof(
    { weight: 5, arbitrary: visibleText() },
    { weight: 1, arbitrary: hugeText(600).map((text) => `T${text.replace(/[\r\n]/g, " ")}`) },
  ),
  summary: fc.option(fc.array(paragraph, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  explanation: fc.option(paragraph, { nil: undefined }),
  lines: fc.array(
    fc.tuple(
      speakerName.map((name) => `N${name}`.slice(0, 80)),
      paragraph,
    ),
    { maxLength: 8 },
  ),
});

type QuestionSection = typeof questionSection extends fc.Arbitrary<infer T> ? T : never;

function renderSection(number: number, section: QuestionSection): string[] {
  const out = [`### Question ${number}: ${section.title}`];
  if (section.summary)
    out.push(
      "",
      `- **Summary**: ${section.summary[0]}`,
      ...section.summary.slice(1).flatMap((text) => ["", `  ${text}`]),
    );
  if (section.explanation !== undefined) out.push("", `- **Explanation**: ${section.explanation}`);
  if (section.lines.length > 0) out.push("", "- **Transcript**:");
  for (const [speaker, text] of section.lines) out.push("", `**${speaker}:** ${text}`);
  return [...out, ""];
}

export const interviewFile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    id: interviewId,
    title: fc.oneof(
      { weight: 5, arbitrary: visibleText() },
      { weight: 1, arbitrary: hugeText(400).map((text) => `T${text.replace(/[\r\n]/g, " ")}`) },
    ),
    description: fc.option(visibleText(200), { nil: undefined }),
    keywords: fc.array(visibleText(20), { maxLength: 6 }),
    date: fc.option(fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), {
      nil: undefined,
    }),
    source: fc.option(fc.constantFrom(...URLS), { nil: undefined }),
    numbers: fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 999_999 })), {
      minLength: 1,
      maxLength: 25,
    }),
    sections: fc.array(questionSection, { minLength: 25, maxLength: 25 }),
  })
  .map((file) => {
    const head = [
      "---",
      `title: ${JSON.stringify(file.title)}`,
      ...(file.description === undefined ? [] : [`description: ${JSON.stringify(file.description)}`]),
      `keywords: ${JSON.stringify(file.keywords)}`,
      ...(file.date === undefined ? [] : [`date: ${file.date.toISOString().slice(0, 10)}`]),
      ...(file.source === undefined ? [] : [`source: ${JSON.stringify(file.source)}`]),
      "---",
      "",
    ];
    const body = file.numbers.flatMap((number, index) => renderSection(number, file.sections[index]!));
    return { id: file.id, text: [...head, ...body].join("\n"), questions: file.numbers };
  });

const looseParagraph = fc.array(fc.oneof(bareMarkers, speakerLine, inlineText()), { minLength: 1, maxLength: 3 });
const bareParagraph = fc.array(bareMarkers, { minLength: 1, maxLength: 2 });

/** A section bullet (or any line) and paragraphs under it, some of which hold nothing but markup. */
const looseSection = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: bulletLine }, { weight: 1, arbitrary: markdownLine }),
    fc.oneof(fc.array(looseParagraph, { maxLength: 4 }), fc.array(bareParagraph, { maxLength: 3 })),
  )
  .map(([first, paragraphs]) => ["", first, ...paragraphs.flatMap((lines) => ["", ...lines])]);

/**
 * A valid header and first question, then arbitrary Markdown-ish lines: files the parser accepts although
 * they are not written the documented way (empty sections, stray bold markers, odd headings).
 */
export const looseInterviewFile: fc.Arbitrary<GeneratedFile> = fc
  .tuple(interviewId, visibleText(), fc.array(looseSection, { maxLength: 8 }), eol)
  .map(([id, title, sections, newline]) => ({
    id,
    text: ["---", `title: ${JSON.stringify(title)}`, "---", "### Question 1: first", ...sections.flat()].join(newline),
    questions: [],
  }));

/** One to three interviews with ids distinct regardless of case, as a content folder requires. */
export const interviewFiles: fc.Arbitrary<GeneratedFile[]> = fc.uniqueArray(
  fc.oneof(interviewFile, looseInterviewFile),
  {
    minLength: 1,
    maxLength: 3,
    selector: (file) => file.id.toLowerCase(),
  },
);

// ─── Interactions ───────────────────────────────────────────────────────────────────────────────

/** What a generated interaction may refer to: the content being served. */
export interface Vocabulary {
  readonly interviewIds: readonly string[];
  readonly speakers: readonly string[];
  /** Words of the content, so searches sometimes match. */
  readonly words: readonly string[];
  readonly lineCount: number;
}

/** A transport-neutral interaction: the unit tests make a plain interaction of it, the e2e tests a raw payload. */
export interface FuzzInteraction {
  readonly kind: "command" | "autocomplete" | "button";
  /** The command (command and autocomplete). */
  readonly name: string;
  readonly options: Readonly<Record<string, string | number | boolean>>;
  /** Autocomplete: the option being typed in, and what was typed so far (empty to 6,000 characters). */
  readonly focused: string;
  readonly typed: string;
  readonly customId: string;
  /** Whether the pressed button's message is private. */
  readonly ephemeral: boolean;
  /** A Discord locale, as a client sends it (or junk). */
  readonly locale: string;
  readonly dm: boolean;
  readonly member: "everyone" | "moderatorRole" | "manageGuild" | "administrator" | "none";
}

/** The ids, speakers and some words of a library, for interactions that sometimes hit. */
export function vocabularyOf(library: ContentLibrary): Vocabulary {
  const lines = library.interviews.flatMap((interview) => interview.lines);
  return {
    interviewIds: library.interviews.map((interview) => interview.id),
    speakers: [...new Set(library.interviews.flatMap((interview) => interview.speakers))],
    // Short pieces between spaces and punctuation: whole words in English, a few characters of Chinese.
    words: [
      ...new Set(
        lines.flatMap((line) =>
          line.text
            .split(/[\s\p{P}]+/u)
            .slice(0, 3)
            .map((word) => word.slice(0, 6)),
        ),
      ),
    ]
      .filter((word) => word.length > 1)
      .slice(0, 80),
    lineCount: Math.max(0, ...library.interviews.map((interview) => interview.lines.length)),
  };
}

export const COMMANDS = ["questions", "summary", "quote", "reload", "stats"] as const;
const OPTION_NAMES = ["interview", "page", "private", "question", "keyword", "speaker", "days"] as const;

function pick<T>(items: readonly T[], fallback: T): fc.Arbitrary<T> {
  return items.length > 0 ? fc.constantFrom(...items) : fc.constant(fallback);
}

/** Option values: text of every kind and size (up to 6,000 characters), numbers, booleans, and the content's own words. */
export function optionValue(vocabulary: Vocabulary): fc.Arbitrary<string | number | boolean> {
  const id = pick(vocabulary.interviewIds, "none");
  return fc.oneof(
    { weight: 4, arbitrary: inlineText() },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "0", "-1", "3", "Q3", "问题 2", "#1", "999999") },
    { weight: 1, arbitrary: hugeText(6000) },
    { weight: 3, arbitrary: fc.oneof(id, pick(vocabulary.speakers, "Host"), pick(vocabulary.words, "word")) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: -1, max: vocabulary.lineCount + 2 }), id)
        .map(([line, interview]) => customId("line", line, interview)),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.integer(),
        fc.integer({ min: -3, max: 30 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      ),
    },
    { weight: 1, arbitrary: fc.boolean() },
  );
}

/** What people type into /quote's keyword: words of the content, typos of them, pinyin, noise, too much. */
export function searchQuery(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const word = fc.oneof(
    pick(vocabulary.words, "word"),
    pick(vocabulary.speakers, "Host"),
    fc.constantFrom(...TRICKY),
    inlineText(8),
  );
  const typo = fc.tuple(pick(vocabulary.words, "word"), fc.nat()).map(([w, at]) => {
    const chars = [...w];
    chars.splice(at % Math.max(1, chars.length), 1);
    return chars.join("");
  });
  return fc.oneof(
    fc.array(fc.oneof(word, typo), { minLength: 1, maxLength: 6 }).map((words) => words.join(" ")),
    fc.array(fc.oneof(word, typo), { maxLength: 4 }).map((words) => words.join("")),
    inlineText(),
    hugeText(400),
  );
}

/** Button ids: well-formed ones pointing anywhere (huge pages, other interviews, lines that do not exist), and garbage. */
export function buttonId(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const id = fc.oneof(pick(vocabulary.interviewIds, "none"), inlineText(12));
  const number = fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constantFrom(999_999, 1e21, 2 ** 53), inlineText(6));
  const query = fc.oneof(pick(vocabulary.words, "word"), inlineText(30));
  return fc.oneof(
    fc.tuple(number, id).map(([page, interview]) => customId("questions", page, interview)),
    fc
      .tuple(number, id, fc.oneof(fc.constant(""), pick(vocabulary.speakers, "Host")), query)
      .map(([rank, interview, speaker, q]) => customId("quote", "nav", rank, interview, speaker, q)),
    fc
      .tuple(fc.constantFrom("ctx", "post", "other"), id, number)
      .map(([action, interview, line]) => customId("quote", action, interview, line)),
    fc.constantFrom("summary:1", "reload:now", "line:1:x", "questions", "quote", "quote:", ":", "::::", ""),
    inlineText(),
    hugeText(120),
  );
}

export function fuzzInteraction(vocabulary: Vocabulary): fc.Arbitrary<FuzzInteraction> {
  const value = optionValue(vocabulary);
  return fc.record({
    kind: fc.constantFrom("command", "command", "autocomplete", "button", "button"),
    name: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...COMMANDS) }, { weight: 1, arbitrary: inlineText(20) }),
    options: fc.dictionary(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...OPTION_NAMES) },
        { weight: 1, arbitrary: fc.stringMatching(/^[a-z_]{1,12}$/) },
      ),
      value,
      { maxKeys: 5 },
    ),
    focused: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...OPTION_NAMES) },
      { weight: 1, arbitrary: fc.stringMatching(/^[a-z_]{1,12}$/) },
    ),
    typed: fc.oneof(
      fc.constant(""),
      inlineText(),
      hugeText(6000),
      pick(vocabulary.words, "word"),
      pick(vocabulary.speakers, "Host"),
    ),
    customId: buttonId(vocabulary),
    ephemeral: fc.boolean(),
    locale: fc.constantFrom("en-US", "en-GB", "zh-CN", "zh-TW", "zh-HK", "fr", "ja", "", "xx-YY"),
    dm: fc.constantFrom(false, false, false, true),
    member: fc.constantFrom("everyone", "moderatorRole", "manageGuild", "administrator", "none"),
  });
}
