/**
 * The mistakes people make writing an interview, each reported as `file:line: message` with the spelling
 * meant: errors when text would certainly be lost (the file is not loaded), warnings otherwise (it is).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatContentError } from "../src/content/model.js";
import { parseInterview, type ParseResult } from "../src/content/parse.js";
import { BASE, SEED_TEXT as SEED, edited } from "./mistake-files.js";

function parse(text: string, file = "x.md"): ParseResult {
  return parseInterview(text, file.replace(/\.md$/, ""), file);
}

/** What check-content and /reload show: errors and warnings, each as `file:line: message`. */
function reported(text: string, file = "x.md"): { errors: string[]; warnings: string[] } {
  const result = parse(text, file);
  return {
    errors: result.ok ? [] : result.errors.map(formatContentError),
    warnings: result.warnings.map(formatContentError),
  };
}

describe("the documented way", () => {
  it("the base file and the seed have nothing to report", () => {
    expect(reported(BASE)).toEqual({ errors: [], warnings: [] });
    expect(reported(SEED, "altman-all-in-2024-05.md")).toEqual({ errors: [], warnings: [] });
  });
});

describe("a deleted question heading", () => {
  const deleted = edited("### 问题5: ChatGPT的影响和OpenAI的收入增长\n\n", "", SEED);

  it("says question 4 got a second summary and explanation, and that the numbers jump from 4 to 6", () => {
    expect(reported(deleted, "altman.md")).toEqual({
      errors: [],
      warnings: [
        "altman.md:45: question 4 already has a Summary (line 41), so this one is added to it — is a heading like `### 问题5: …` missing above?",
        "altman.md:47: question 4 already has an Explanation (line 43), so this one is added to it — is a heading like `### 问题5: …` missing above?",
        "altman.md:49: question numbers jump from 4 to 6 — is question 5's heading missing?",
      ],
    });
  });

  it("is a warning: the text is all still shown, in question 4", () => {
    const result = parse(deleted);
    if (!result.ok) throw new Error("refused");
    const four = result.interview.questions.find((question) => question.number === 4);
    expect(four?.summary).toContain("ChatGPT变得越来越好");
    expect(result.interview.questions.map((question) => question.number)).not.toContain(5);
  });

  it("suggests the heading as the file writes them", () => {
    const text = edited(
      "### Question 2: The conversation",
      "## Q3：The conversation",
      edited("- **Transcript**:", "- **Summary**: again."),
    );
    expect(reported(text).warnings).toEqual([
      "x.md:13: question numbers jump from 1 to 3 — is question 2's heading missing?",
    ]);
    const twice = edited(
      "- **Explanation**: Background.",
      "- **Summary**: again.",
      edited("### Question 1:", "## Q1："),
    );
    expect(reported(twice).warnings).toEqual([
      "x.md:11: question 1 already has a Summary (line 10), so this one is added to it — is a heading like `## Q2： …` missing above?",
    ]);
  });

  it("numbers that go back, or that start after 1, are warned about too", () => {
    expect(reported(edited("### Question 2:", "### Question 0:")).warnings).toEqual([
      "x.md:13: question 0 comes after question 1: are the numbers out of order?",
    ]);
    expect(reported(edited("### Question 1:", "### Question 3:")).warnings).toEqual([
      "x.md:8: the first question is number 3: is a heading missing above it?",
      "x.md:13: question 2 comes after question 3: are the numbers out of order?",
    ]);
  });
});

describe("a heading that looks like a question but is not read as one", () => {
  it("with no colon: an error, since the question and everything under it would be dropped", () => {
    expect(reported(edited("### Question 1: The first topic", "### Question 1 The first topic"))).toEqual({
      errors: [
        "x.md:8: this heading looks like a question but has no colon — write `### Question 1: The first topic` (the question and its text are not shown)",
      ],
      warnings: ["x.md:13: the first question is number 2: is a heading missing above it?"],
    });
  });

  it("in Chinese, with a dash, at the wrong level, or with its number in words", () => {
    const errorsOf = (heading: string): string[] => reported(edited("### Question 1: The first topic", heading)).errors;
    expect(errorsOf("### 问题1 早期经历")).toEqual([
      "x.md:8: this heading looks like a question but has no colon — write `### 问题1: 早期经历` (the question and its text are not shown)",
    ]);
    expect(errorsOf("### Q1 - The first topic")).toEqual([
      "x.md:8: this heading looks like a question but has no colon — write `### Q1: The first topic` (the question and its text are not shown)",
    ]);
    expect(errorsOf("##### Question 1: The first topic")).toEqual([
      "x.md:8: a question heading starts with ##, ### or ####, not ##### — write `### Question 1: The first topic` (the question and its text are not shown)",
    ]);
    expect(errorsOf("### 问题一：早期经历")).toEqual([
      "x.md:8: this heading looks like a question but its number is not written in digits — write `### 问题N: 早期经历` (the question and its text are not shown)",
    ]);
  });

  it("is only a warning when nothing under it was written as a question's content", () => {
    const text = edited(
      "### Question 1: The first topic\n\n- **Summary**: What was said.\n- **Explanation**: Background.",
      "### Q3 figures\n\nSome notes.",
    );
    expect(reported(text)).toEqual({
      errors: [],
      warnings: [
        "x.md:8: this heading looks like a question but has no colon — write `### Q3: figures`",
        "x.md:12: the first question is number 2: is a heading missing above it?",
      ],
    });
  });
});

describe("a misspelled section label", () => {
  it("before the question's first section: an error, since its text would not be shown", () => {
    expect(reported(edited("- **Summary**:", "- **Summery**:"))).toEqual({
      errors: ["x.md:10: unknown label `Summery` — did you mean `Summary`? (this text is not shown)"],
      warnings: [],
    });
    expect(reported(edited("- **Summary**:", "- **详细描素**：")).errors).toEqual([
      "x.md:10: unknown label `详细描素` — did you mean `详细描述`? (this text is not shown)",
    ]);
  });

  it("after a section: a warning, since its text is shown as part of that section", () => {
    const text = edited("- **Explanation**:", "- **Explantion**:");
    expect(reported(text)).toEqual({
      errors: [],
      warnings: [
        "x.md:11: unknown label `Explantion` — did you mean `Explanation`? (this text is shown as part of the Summary above)",
      ],
    });
  });

  it("leaves labels that are not near one alone", () => {
    expect(reported(edited("- **Explanation**: Background.", "- **Explanation**: Background.\n- **Note**: n"))).toEqual(
      {
        errors: [],
        warnings: [],
      },
    );
  });
});

describe("front matter", () => {
  it("misspelled keys: a warning with the key meant, on its line", () => {
    const text = edited("keywords:", "keywrods:", edited("description:", "desciption:"));
    expect(reported(text)).toEqual({
      errors: [],
      warnings: [
        "x.md:3: unknown key `desciption` — did you mean `description`?",
        "x.md:4: unknown key `keywrods` — did you mean `keywords`?",
      ],
    });
    expect(reported(edited("title:", "Title: t\ntitle:")).warnings).toEqual([
      "x.md:2: unknown key `Title` — did you mean `title`?",
    ]);
  });

  it("keys of other tools (Jekyll's layout, mermaid …) are not warned about", () => {
    expect(reported(edited("date:", "layout: post\nmermaid: false\ndate:"))).toEqual({ errors: [], warnings: [] });
  });

  it("a date that is not a day of the calendar: an error (YAML would roll it over into another day)", () => {
    expect(reported(edited("2024-05-11", "2024-13-45")).errors).toEqual([
      "x.md:5: `date` 2024-13-45 is not a date: there is no month 13 (write it as YYYY-MM-DD)",
    ]);
    expect(reported(edited("2024-05-11", "2023-02-29")).errors).toEqual([
      "x.md:5: `date` 2023-02-29 is not a date: month 2 of 2023 has 28 days (write it as YYYY-MM-DD)",
    ]);
    expect(reported(edited("2024-05-11", "2024-02-29"))).toEqual({ errors: [], warnings: [] });
  });
});

describe("an unclosed speaker label", () => {
  it("in the transcript: a warning naming who the paragraph is given to", () => {
    const text = edited("**Guest:** And another.", "**Guest: And another.");
    expect(reported(text)).toEqual({
      errors: [],
      warnings: [
        "x.md:19: the speaker label `**Guest:` is not closed, so this paragraph is given to the previous speaker (Host) — write `**Guest:**`",
      ],
    });
    const result = parse(text);
    expect(result.ok && result.interview.lines.at(-1)).toMatchObject({ speaker: "Host", text: "Guest: And another." });
  });

  it("before the transcript starts: an error, since the paragraph would not be shown", () => {
    const text = edited("- **Transcript**:\n\n**Host:**", "**Host:");
    expect(reported(text).errors).toEqual([
      "x.md:15: the speaker label `**Host:` is not closed, so this paragraph is not shown — write `**Host:**`",
    ]);
  });
});

describe("the README's example", () => {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Writing interviews"));
  const example = /```markdown\n([\s\S]*?)```/.exec(section)?.[1] ?? "";

  it("copied as written, is a valid interview with nothing to warn about", () => {
    expect(reported(example, "example.md")).toEqual({ errors: [], warnings: [] });
  });

  it("shows exactly its text: none of the notes around it becomes content", () => {
    const result = parse(example);
    if (!result.ok) throw new Error("refused");
    const { interview } = result;
    expect(interview.questions.map((question) => question.title)).toEqual(["The first topic", "The conversation"]);
    expect(interview.questions[0]?.summary).toBe("What was said, in a few sentences.");
    expect(interview.questions[0]?.explanation).toBe("Background a reader may need.");
    expect(interview.lines.map((line) => `${line.speaker}: ${line.text}`)).toEqual([
      "Host: A paragraph starts with its speaker.",
      "Host: A paragraph without a label continues the last speaker.",
      "Guest: Full-width colons work too.",
    ]);
    expect(interview.description).toBe("One line about it");
    expect(interview.keywords).toEqual(["one", "two", "三"]);
  });
});
