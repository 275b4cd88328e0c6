/**
 * `npm run check-content` as a user runs it: a child process, its output and its exit code. Errors exit 1;
 * warnings exit 0 unless `--strict`, which exits 1 on them; the seed passes `--strict`.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { REFUSED, SEED_TEXT, WARNED, folderOf } from "./mistake-files.js";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function checkContent(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/check-content.ts", ...args],
      { env: { ...process.env, CONTENT_DIR: "content" } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const folders: string[] = [];
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await folderOf(files);
  folders.push(dir);
  return dir;
}

describe("npm run check-content", () => {
  it("passes the seed with --strict: no error, no warning, exit 0", async () => {
    const run = await checkContent("--strict");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^content: 1 interview, 11 questions, 39 transcript lines, 2 speakers — all valid\.\n/);
    expect(run.code).toBe(0);
    expect((await checkContent("--strict", "content")).code).toBe(0);
  });

  it("lists warnings as file:line: message and exits 0 without --strict, 1 with it", async () => {
    const dir = await folder({ "seed.md": SEED_TEXT, ...WARNED });
    const lenient = await checkContent(dir);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain(`${dir}: 4 interviews`);
    expect(lenient.stdout).toContain("— valid, with 6 warnings.");
    expect(lenient.stderr.split("\n")).toEqual([
      `6 warnings in ${dir} (the files load, but check them):`,
      "  deleted-heading.md:45: question 4 already has a Summary (line 41), so this one is added to it — is a heading like `### 问题5: …` missing above?",
      "  deleted-heading.md:47: question 4 already has an Explanation (line 43), so this one is added to it — is a heading like `### 问题5: …` missing above?",
      "  deleted-heading.md:49: question numbers jump from 4 to 6 — is question 5's heading missing?",
      "  misspelled-keys.md:3: unknown key `desciption` — did you mean `description`?",
      "  misspelled-keys.md:4: unknown key `keywrods` — did you mean `keywords`?",
      "  unclosed-label.md:19: the speaker label `**Guest:` is not closed, so this paragraph is given to the previous speaker (Host) — write `**Guest:**`",
      "",
    ]);

    const strict = await checkContent("--strict", dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`6 warnings in ${dir} (refused by --strict):`);
    expect(strict.stderr).toContain("  misspelled-keys.md:3: unknown key `desciption` — did you mean `description`?");
  });

  it("lists errors and exits 1 on them, with or without --strict", async () => {
    const dir = await folder({ "seed.md": SEED_TEXT, ...REFUSED });
    for (const args of [[dir], ["--strict", dir]]) {
      const run = await checkContent(...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`3 errors in ${dir} (these files are not loaded):`);
      expect(run.stderr).toContain(
        "  impossible-date.md:5: `date` 2024-13-45 is not a date: there is no month 13 (write it as YYYY-MM-DD)",
      );
      expect(run.stderr).toContain(
        "  misspelled-label.md:10: unknown label `Summery` — did you mean `Summary`? (this text is not shown)",
      );
      expect(run.stderr).toContain(
        "  no-colon.md:8: this heading looks like a question but has no colon — write `### Question 1: The first topic` (the question and its text are not shown)",
      );
      expect(run.stderr).toContain("1 other interview file is fine.");
    }
  });

  it("refuses an unknown option with exit 2", async () => {
    const run = await checkContent("--strcit");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("unknown option --strcit; usage: npm run check-content -- [--strict] [dir]\n");
  });
});
