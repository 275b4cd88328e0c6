/**
 * The pure content core: Markdown parsed into interviews, a folder loaded and fingerprinted, questions asked of a
 * library. Over 300 lines because parsing has many shapes of bad input, each with the message a moderator sees.
 */
import { mkdtemp, readFile, readdir, rm, truncate, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { folderFingerprint } from "../src/content/fingerprint.js";
import { defaultInterview, diffLibraries, findInterview, libraryStats } from "../src/content/library.js";
import { loadContentDir, MAX_FILE_BYTES } from "../src/content/load.js";
import type { Interview } from "../src/content/model.js";
import { formatContentError } from "../src/content/model.js";
import { parseErrors, parseOk } from "./parse-helpers.js";

const SEED_FILE = "content/altman-all-in-2024-05.md";

describe("the seed interview", () => {
  let seed: Interview;
  beforeAll(async () => {
    seed = parseOk(await readFile(SEED_FILE, "utf8"), "altman-all-in-2024-05");
  });

  it("is bundled byte for byte", async () => {
    const [seedName] = await readdir("../shared/seed").catch(() => [] as string[]);
    if (seedName === undefined) return; // shared/ is beside the checkout in development and CI
    expect(await readFile(SEED_FILE)).toEqual(await readFile(path.join("../shared/seed", seedName)));
  });

  it("reads the front matter", () => {
    expect(seed.id).toBe("altman-all-in-2024-05");
    expect(seed.title).toBe("sam Altman五月访谈回顾");
    expect(seed.description).toBe("sam Altman五月访谈回顾");
    expect(seed.keywords).toEqual(["sam Altman", "AI未来发展方向", "ChatGPT", "OpenAI", "AI芯片", "开源模型AGI"]);
    expect(seed.categories).toEqual(["观点"]);
    expect(seed.sourceUrl).toBe("https://b23.tv/85KHdUL");
  });

  it("has eleven questions with their exact titles", () => {
    expect(seed.questions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(seed.questions[0]?.title).toBe("Sam Altman的早期经历和投资");
    expect(seed.questions[5]?.title).toBe("GPT-5的发布时间和方式");
    expect(seed.questions[9]?.title).toBe("AI监管和法律问题");
    expect(seed.questions[10]?.title).toBe("Sam Altman的个人经历和OpenAI的未来");
  });

  it("has summaries and explanations for questions 1–10, without markers", () => {
    const q6 = seed.questions[5];
    expect(q6?.summary).toBe(
      "Sam Altman表示，GPT-5的发布将需要一些时间，并且可能会以与以前模型不同的方式发布。他不确定是否会称之为GPT-5。",
    );
    expect(q6?.explanation).toBe(
      "GPT-5是OpenAI开发的下一个版本的AI语言模型，它可能会带来新的功能和改进。模型的发布方式可能会包括新的功能测试或用户反馈机制。",
    );
    for (const question of seed.questions.slice(0, 10)) {
      expect(question.summary.length, `question ${question.number}`).toBeGreaterThan(20);
      expect(question.explanation.length, `question ${question.number}`).toBeGreaterThan(20);
      expect(question.summary).not.toMatch(/\*\*|^[：:]|详细描述/);
      expect(question.lines).toEqual([]);
    }
  });

  it("holds the transcript in question 11, every paragraph once, speakers right", () => {
    const q11 = seed.questions[10];
    expect(q11?.summary).toBe("");
    expect(q11?.lines.length).toBe(39);
    expect(seed.lines).toEqual(q11?.lines);
    expect(seed.lines.map((line) => line.number)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(seed.speakers).toEqual(["presenters", "sam Altman"]);
    expect(seed.lines[0]).toMatchObject({
      speaker: "presenters",
      question: 11,
      text: "好的，让我们谈谈八卦。那么，让我们回到去年十一月。到底发生了什么？",
    });
    expect(seed.lines[1]).toMatchObject({
      speaker: "sam Altman",
      text: "如果你有具体的问题，我很乐意回答，也许我说过我们会在某个时候谈论它。",
    });
    expect(seed.lines[24]).toMatchObject({ speaker: "sam Altman", text: "完全正确。" });
    expect(seed.lines.at(-1)).toMatchObject({
      speaker: "presenters",
      text: "是的，你已经收到了 Zoom 链接。每周都会使用相同的 Zoom 链接，同一时间，你可以随时加入(笑)",
    });
    const texts = seed.lines.map((line) => line.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) expect(text).not.toMatch(/^\s|\s$|\*\*|^>|presenters：|sam Altman：/);
  });

  it("gives a continuation paragraph the previous speaker", () => {
    // "然后，我飞回家…" has no label: it continues Sam Altman's answer.
    const line = seed.lines.find((candidate) => candidate.text.startsWith("然后，我飞回家"));
    expect(line).toMatchObject({ speaker: "sam Altman", number: 11 });
    // "这里我只是开个玩笑…" continues the presenters' question.
    expect(seed.lines.find((candidate) => candidate.text.startsWith("这里我只是开个玩笑"))?.speaker).toBe("presenters");
  });

  it("numbers source lines as they stand in the file", async () => {
    const fileLines = (await readFile(SEED_FILE, "utf8")).split("\n");
    expect(fileLines[(seed.questions[0]?.sourceLine ?? 0) - 1]).toBe("### 问题1: Sam Altman的早期经历和投资");
    expect(fileLines[(seed.lines[0]?.sourceLine ?? 0) - 1]).toMatch(/^\*\*presenters：\*\* {2}好的/);
  });
});

describe("markers", () => {
  const english = `---
title: An English interview
keywords: [alpha, beta]
date: 2024-06-01
source: https://example.com/video
---
Intro.

### Question 1: First things
- **Summary:** What it is about,
  on two lines.
- **Explanation**: Why it matters.

### Q2：Second
* **Transcript**
> **Host:** Hello there.
>
> **Guest:** Hi.
> More from the guest.

And even more.

##Q3:Third, no spaces
- **Summary**：Short.
`;

  it("reads English headings, bullets, labels and YAML lists", () => {
    const interview = parseOk(english, "english");
    expect(interview.keywords).toEqual(["alpha", "beta"]);
    expect(interview.date).toBe("2024-06-01");
    expect(interview.sourceUrl).toBe("https://example.com/video");
    expect(interview.questions.map((q) => [q.number, q.title])).toEqual([
      [1, "First things"],
      [2, "Second"],
      [3, "Third, no spaces"],
    ]);
    expect(interview.questions[0]?.summary).toBe("What it is about, on two lines.");
    expect(interview.questions[0]?.explanation).toBe("Why it matters.");
    expect(interview.questions[2]?.summary).toBe("Short.");
    expect(interview.lines.map((line) => [line.number, line.question, line.speaker, line.text])).toEqual([
      [1, 2, "Host", "Hello there."],
      [2, 2, "Guest", "Hi. More from the guest."],
      [3, 2, "Guest", "And even more."],
    ]);
  });

  it("accepts 问题 headings with a full-width colon, speaker labels with an ASCII colon, and full-width keyword commas", () => {
    const interview = parseOk(`---
title: 测试
keywords: 甲，乙, 丙
---
### 问题 7：标题
- **访谈原文**：
**主持人:** 你好。
`);
    expect(interview.keywords).toEqual(["甲", "乙", "丙"]);
    expect(interview.questions[0]).toMatchObject({ number: 7, title: "标题" });
    expect(interview.lines[0]).toMatchObject({ speaker: "主持人", text: "你好。", question: 7 });
  });

  it("keeps bold text inside a summary as text, not a speaker", () => {
    const interview = parseOk(`---
title: t
---
### Question 1: q
- **Summary**: first paragraph.

  **Note:** still the summary.
`);
    expect(interview.questions[0]?.summary).toBe("first paragraph.\n\nNote: still the summary.");
    expect(interview.lines).toEqual([]);
  });
});

describe("bad content", () => {
  it("an empty file", () => {
    expect(parseErrors("")).toEqual(["bad.md: the file is empty"]);
    expect(parseErrors("  \n\n")).toEqual(["bad.md: the file is empty"]);
  });

  it("bad YAML, with the line it is on", () => {
    const [error] = parseErrors("---\ntitle: ok\nkeywords: [unclosed\n---\n### 问题1: x\n");
    expect(error).toMatch(/^bad\.md:4: the front matter is not valid YAML/);
  });

  it("front matter that is never closed", () => {
    expect(parseErrors("---\ntitle: x\n### 问题1: y\n")).toEqual([
      "bad.md:1: the front matter starts with --- but is never closed by another ---",
    ]);
  });

  it("no title", () => {
    expect(parseErrors("---\ndescription: d\n---\n### 问题1: x\n")).toEqual([
      "bad.md:1: the front matter has no title (add `title: …` between the --- lines)",
    ]);
  });

  it("no question headings", () => {
    expect(parseErrors("---\ntitle: t\n---\nJust text.\n")[0]).toMatch(/^bad\.md:4: no question headings found/);
  });

  it("a question number twice, and every error of a file at once", () => {
    expect(parseErrors("---\ntitle: t\ndate: not a date\n---\n### 问题1: a\n### 问题2: b\n### 问题1: c\n")).toEqual([
      "bad.md:3: `date` is not a date (write it as YYYY-MM-DD)",
      "bad.md:7: question 1 appears twice (first at line 5)",
    ]);
  });

  it("JavaScript front matter is refused, never run", () => {
    const errors = parseErrors("---js\n{ title: (globalThis.pwned = 'yes') }\n---\n### 问题1: a\n");
    expect(errors).toEqual(['bad.md:1: only YAML front matter is supported, not "js"']);
    expect((globalThis as { pwned?: string }).pwned).toBeUndefined();
  });
});

describe("loading a folder", () => {
  let dir: string;
  const good = (title: string, date?: string): string =>
    `---\ntitle: ${title}\n${date ? `date: ${date}\n` : ""}---\n### Question 1: Hello\n- **Summary**: s\n`;

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function folder(files: Record<string, string | Buffer>): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), "verbatim-content-"));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    return dir;
  }

  it("returns the good interviews and every error of the bad ones", async () => {
    await folder({
      "a.md": good("A"),
      "b.md": "",
      "c.md": "---\ntitle: [oops\n---\n",
      "d.md": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      "e.md": Buffer.from([0x2d, 0x2d, 0xff, 0xfe, 0x41]),
      "notes.txt": "ignored",
      "README.md": "ignored",
      "sub/z.md": good("Z"),
    });
    const before = JSON.stringify(await readdir(dir, { recursive: true }));
    const { library, errors } = await loadContentDir(dir);
    expect(library.interviews.map((i) => i.id)).toEqual(["a", "z"]);
    expect(errors.map(formatContentError)).toEqual([
      "b.md: the file is empty",
      expect.stringMatching(/^c\.md:3: the front matter is not valid YAML/),
      "d.md: the file is binary, not Markdown text",
      "e.md: the file is not UTF-8 text (save it as UTF-8)",
    ]);
    expect(JSON.stringify(await readdir(dir, { recursive: true }))).toBe(before);
  });

  it("refuses a file over the size limit without reading it", async () => {
    await folder({ "huge.md": "" });
    await truncate(path.join(dir, "huge.md"), 50 * 1024 * 1024);
    const { errors } = await loadContentDir(dir);
    expect(errors.map(formatContentError)).toEqual([
      `huge.md: the file is 50.0 MB; an interview may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    ]);
  });

  it("reports two files with the same id", async () => {
    await folder({ "one/x.md": good("X1"), "two/X.md": good("X2") });
    const { library, errors } = await loadContentDir(dir);
    expect(library.interviews).toHaveLength(1);
    expect(errors.map(formatContentError)).toEqual([
      'two/X.md: the interview id "X" is already used by one/x.md; rename one of the files',
    ]);
  });

  it("reports a missing or empty folder", async () => {
    await folder({});
    expect((await loadContentDir(dir)).errors.map(formatContentError)).toEqual([
      `${dir}: the content folder has no interview files (*.md)`,
    ]);
    expect((await loadContentDir(path.join(dir, "nope"))).errors.map(formatContentError)).toEqual([
      `${path.join(dir, "nope")}: the content folder does not exist`,
    ]);
  });

  it("picks the newest interview by date, finds by id or title, and diffs two loads", async () => {
    await folder({
      "old.md": good("Old", "2023-01-01"),
      "new.md": good("New", "2024-01-01"),
      "undated.md": good("Undated"),
    });
    const first = await loadContentDir(dir);
    expect(defaultInterview(first.library)?.id).toBe("new");
    expect(findInterview(first.library, "OLD")?.id).toBe("old");
    expect(findInterview(first.library, "undated")?.title).toBe("Undated");
    expect(findInterview(first.library, "missing")).toBeUndefined();

    await writeFile(path.join(dir, "old.md"), good("Old", "2023-01-01") + "\n### Question 2: More\n");
    await rm(path.join(dir, "undated.md"));
    await writeFile(path.join(dir, "added.md"), good("Added"));
    const second = await loadContentDir(dir);
    const diff = diffLibraries(first.library, second.library);
    expect(diff.added.map((i) => i.id)).toEqual(["added"]);
    expect(diff.removed.map((i) => i.id)).toEqual(["undated"]);
    expect(diff.changed).toEqual([{ id: "old", title: "Old", questions: [1, 2], lines: [0, 0] }]);
    expect(diff.unchanged).toBe(1);
    expect(second.library.version).not.toBe(first.library.version);
    expect(libraryStats(second.library)).toEqual({ interviews: 3, questions: 4, lines: 0, speakers: 0 });
  });

  it("fingerprints the folder without reading it: an interview file added, removed or resized changes it, another file does not", async () => {
    await folder({ "a.md": good("A"), "sub/b.md": good("B") });
    const fingerprints = new Set<string>();
    const changes: (() => Promise<unknown>)[] = [
      () => Promise.resolve(undefined),
      () => writeFile(path.join(dir, "a.md"), good("A, longer")),
      () => writeFile(path.join(dir, "c.md"), good("C")),
      () => rm(path.join(dir, "sub/b.md")),
    ];
    for (const change of changes) {
      await change();
      const fingerprint = await folderFingerprint(dir);
      expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(fingerprints.has(fingerprint)).toBe(false);
      fingerprints.add(fingerprint);
      await writeFile(path.join(dir, "notes.txt"), String(fingerprints.size));
      expect(await folderFingerprint(dir)).toBe(fingerprint);
    }
    expect(await folderFingerprint(path.join(dir, "nope"))).toBe("missing");
  });
});
