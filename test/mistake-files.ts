/** Interview files with the mistakes people make, for the tests of check-content and /reload. */
import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const SEED_TEXT = readFileSync("content/altman-all-in-2024-05.md", "utf8");

/** A small valid interview, written the documented way (line numbers in the comments). */
export const BASE = [
  "---", //  1
  "title: An interview", //  2
  "description: One line about it", //  3
  "keywords: one, two", //  4
  "date: 2024-05-11", //  5
  "---", //  6
  "", //  7
  "### Question 1: The first topic", //  8
  "", //  9
  "- **Summary**: What was said.", // 10
  "- **Explanation**: Background.", // 11
  "", // 12
  "### Question 2: The conversation", // 13
  "", // 14
  "- **Transcript**:", // 15
  "", // 16
  "**Host:** A paragraph starts with its speaker.", // 17
  "", // 18
  "**Guest:** And another.", // 19
  "",
].join("\n");

/** `text` (BASE by default) with `from`, which must be there, replaced by `to`. */
export function edited(from: string, to: string, text = BASE): string {
  if (!text.includes(from)) throw new Error(`not in the text: ${from}`);
  return text.replace(from, to);
}

/** Mistakes that leave every file loadable: the folder reloads, with warnings. */
export const WARNED = {
  "deleted-heading.md": edited("### 问题5: ChatGPT的影响和OpenAI的收入增长\n\n", "", SEED_TEXT),
  "misspelled-keys.md": edited("keywords:", "keywrods:", edited("description:", "desciption:")),
  "unclosed-label.md": edited("**Guest:** And another.", "**Guest: And another."),
};

/** Mistakes that would lose text for certain: errors, the folder is refused. */
export const REFUSED = {
  "no-colon.md": edited("### Question 1: The first topic", "### Question 1 The first topic"),
  "misspelled-label.md": edited("- **Summary**:", "- **Summery**:"),
  "impossible-date.md": edited("2024-05-11", "2024-13-45"),
};

/** A new folder holding `files` (name → text). */
export async function folderOf(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "verbatim-mistakes-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}
