/**
 * The content parser on arbitrary input: it never throws, what it returns is well formed, files written
 * the documented way always parse, and a 5 MB file parses in roughly linear time.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInterview, type ParseResult } from "../../src/content/parse.js";
import { fuzzParameters, interviewFile, markdownish } from "./arbitraries.js";
import { CASES } from "./parse-timing.js";

/** What Discord accepts as an embed link: a well-formed http(s) address of at most 2,048 characters. */
export function isLinkable(url: string): boolean {
  if (url.length > 2048) return false;
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === "http:" || parsed.protocol === "https:") &&
      parsed.hostname.includes(".") &&
      url === url.trim()
    );
  } catch {
    return false;
  }
}

/** Everything a parse result promises, whatever the input. */
function expectWellFormed(text: string, result: ParseResult): void {
  const lineCount = text.split(/\r?\n/).length;
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.file).toBe("fuzz.md");
      expect(error.message.length).toBeGreaterThan(0);
      if (error.line !== undefined) {
        expect(Number.isInteger(error.line)).toBe(true);
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.line).toBeLessThanOrEqual(lineCount + 1);
      }
    }
    return;
  }
  const { interview } = result;
  expect(interview.title.trim()).not.toBe("");
  expect(interview.questions.length).toBeGreaterThan(0);
  const numbers = interview.questions.map((question) => question.number);
  expect(new Set(numbers).size).toBe(numbers.length);
  for (const question of interview.questions) {
    expect(question.title.trim()).not.toBe("");
    // Paragraphs of a summary or explanation each have something to show.
    for (const text of [question.summary, question.explanation]) {
      if (text !== "")
        for (const paragraph of text.split("\n\n")) expect(paragraph.trim(), JSON.stringify(text)).not.toBe("");
    }
  }
  interview.lines.forEach((line, index) => {
    expect(line.number).toBe(index + 1);
    expect(numbers).toContain(line.question);
    expect(line.text).toBe(line.text.trim());
    expect(line.text).not.toBe("");
    expect(line.sourceLine).toBeGreaterThanOrEqual(1);
    expect(line.sourceLine).toBeLessThanOrEqual(lineCount);
  });
  if (interview.sourceUrl !== undefined) expect(isLinkable(interview.sourceUrl), interview.sourceUrl).toBe(true);
}

describe("the content parser on arbitrary text", () => {
  it("never throws, and returns a well-formed interview or errors with places", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expectWellFormed(text, parseInterview(text, "fuzz", "fuzz.md"));
      }),
      fuzzParameters(400),
    );
  });

  it("parses every file written the documented way, whatever its text, with its questions in order", () => {
    fc.assert(
      fc.property(interviewFile, (file) => {
        const result = parseInterview(file.text, file.id, "fuzz.md");
        if (!result.ok) expect.fail(`a well-formed file was refused: ${JSON.stringify(result.errors)}`);
        expectWellFormed(file.text, result);
        expect(result.interview.questions.map((question) => question.number)).toEqual(file.questions);
      }),
      fuzzParameters(150),
    );
  });
});

describe("the content parser on 5 MB", () => {
  /** Per case; a linear parser needs well under a second. */
  const CEILING_MS = 10_000;
  const SCRIPT = path.join(import.meta.dirname, "parse-timing.ts");

  it(
    "parses every 5 MB shape in roughly linear time",
    async () => {
      const names = Object.keys(CASES);
      const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...names], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const finished: { case: string; bytes: number; ms: number; ok: boolean }[] = [];
      let timer: NodeJS.Timeout | undefined;
      const armTimer = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => child.kill("SIGKILL"), CEILING_MS + 5_000); // + start-up and building the input
      };
      armTimer();
      createInterface({ input: child.stdout }).on("line", (line) => {
        finished.push(JSON.parse(line) as (typeof finished)[number]);
        armTimer();
      });
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      clearTimeout(timer);
      for (const result of finished)
        console.log(`parse ${result.case}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${result.ms} ms`);
      const stuck = names[finished.length];
      expect(
        stuck,
        `parsing "${stuck}" did not finish within ${CEILING_MS / 1000} s: the parser is not linear on it`,
      ).toBeUndefined();
      expect(code).toBe(0);
      for (const result of finished) expect(result.ms, result.case).toBeLessThan(CEILING_MS);
      expect(finished.find((result) => result.case === "the seed interview repeated")?.ok).toBe(true);
    },
    Object.keys(CASES).length * 20_000,
  );
});
