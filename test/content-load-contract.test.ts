/** loadContentDir and listInterviewFiles: which files count as interviews, their ids, hashes and version, the size limit. */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decodeInterviewFile, listInterviewFiles, loadContentDir, MAX_FILE_BYTES } from "../src/content/load.js";
import { formatContentError } from "../src/content/model.js";

const GOOD = "---\ntitle: T\n---\n### Question 1: Q\n- **Summary**: s\n";

let dir: string | undefined;

afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const created = await mkdtemp(path.join(tmpdir(), "verbatim-load-"));
  dir = created;
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(created, name)), { recursive: true });
    await writeFile(path.join(created, name), text);
  }
  return created;
}

describe("listInterviewFiles", () => {
  it("lists Markdown files in sorted order, skipping hidden, draft, README and non-Markdown files", async () => {
    const root = await folder({
      "b.md": GOOD,
      "A.MD": GOOD,
      "c.md": GOOD,
      "c/d.md": GOOD,
      "c/a.md": GOOD,
      ".hidden.md": GOOD,
      "_draft.md": GOOD,
      "readme.md": GOOD,
      "notes.txt": GOOD,
      "md.": GOOD,
      "x_.md": GOOD,
      "y..md": GOOD,
    });
    // Sorted as paths, c.md before c/a.md ("." before "/"), though a folder lists c before c.md.
    expect(await listInterviewFiles(root)).toEqual(["A.MD", "b.md", "c.md", "c/a.md", "c/d.md", "x_.md", "y..md"]);
  });

  it("does not enter hidden folders or node_modules, nor list a folder named like a file", async () => {
    const root = await folder({
      "a.md": GOOD,
      ".git/x.md": GOOD,
      "node_modules/y.md": GOOD,
      "ok./z.md": GOOD,
      "folder.md/inner.md": GOOD,
    });
    expect(await listInterviewFiles(root)).toEqual(["a.md", "folder.md/inner.md", "ok./z.md"]);
  });

  it("does not list a pipe named like an interview (reading it would wait forever)", async () => {
    const root = await folder({ "a.md": GOOD });
    execFileSync("mkfifo", [path.join(root, "pipe.md")]);
    expect(await listInterviewFiles(root)).toEqual(["a.md"]);
  });
});

describe("loadContentDir", () => {
  it("names interviews after their file, without folders or the .md ending", async () => {
    const root = await folder({ "sub/deeper/a.mdx.md": GOOD, "B.Md": GOOD });
    const { library, errors } = await loadContentDir(root);
    expect(errors).toEqual([]);
    expect(library.interviews.map((interview) => [interview.id, interview.file])).toEqual([
      ["B", "B.Md"],
      ["a.mdx", "sub/deeper/a.mdx.md"],
    ]);
  });

  it("gives each interview a SHA-256 hash, and the library a 16-digit version that follows them", async () => {
    const root = await folder({ "a.md": GOOD, "b.md": GOOD });
    const first = (await loadContentDir(root)).library;
    expect([...first.fileHashes.keys()]).toEqual(["a", "b"]);
    for (const hash of first.fileHashes.values()) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // Same bytes, another path: another hash.
    expect(first.fileHashes.get("a")).not.toBe(first.fileHashes.get("b"));
    expect(first.version).toMatch(/^[0-9a-f]{16}$/);

    await writeFile(path.join(root, "b.md"), GOOD + "- **Explanation**: e\n");
    const second = (await loadContentDir(root)).library;
    expect(second.fileHashes.get("a")).toBe(first.fileHashes.get("a"));
    expect(second.fileHashes.get("b")).not.toBe(first.fileHashes.get("b"));
    expect(second.version).not.toBe(first.version);
  });

  it("reads a file of exactly the size limit", async () => {
    const padding = " ".repeat(MAX_FILE_BYTES - Buffer.byteLength(GOOD) - 1);
    const root = await folder({ "big.md": `${GOOD}${padding}\n` });
    const { library, errors } = await loadContentDir(root);
    expect(errors).toEqual([]);
    expect(library.interviews.map((interview) => interview.id)).toEqual(["big"]);
  });

  it("names a file that links to itself, and loads the rest", async () => {
    const root = await folder({ "a.md": GOOD });
    await symlink("loop.md", path.join(root, "loop.md"));
    const { library, errors } = await loadContentDir(root);
    expect(errors.map(formatContentError)).toEqual(["loop.md: the file cannot be read (ELOOP)"]);
    expect(library.interviews.map((interview) => interview.id)).toEqual(["a"]);
  });

  it("names a content folder that is a file, and gives an empty library", async () => {
    const root = await folder({ "a.md": GOOD });
    const notAFolder = path.join(root, "a.md");
    const { library, errors } = await loadContentDir(notAFolder);
    expect(errors.map(formatContentError)).toEqual([`${notAFolder}: the content folder is not a folder`]);
    expect(library).toEqual({ interviews: [], version: "empty", fileHashes: new Map() });
  });

  it("loads many files, each once, in order", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 70 }, (_, i) => [`f${String(i).padStart(2, "0")}.md`, GOOD.replace("T", `T${i}`)]),
    );
    const { library, errors } = await loadContentDir(await folder(files));
    expect(errors).toEqual([]);
    expect(library.interviews.map((interview) => interview.title)).toEqual(
      Array.from({ length: 70 }, (_, i) => `T${i}`),
    );
  });
});

describe("decodeInterviewFile", () => {
  it("refuses bytes over the size limit, saying how big they are", () => {
    const text = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61);
    expect(decodeInterviewFile(text)).toEqual({ problem: "the file is 5.0 MB; an interview may be at most 5 MB" });
    expect(decodeInterviewFile(text.subarray(0, MAX_FILE_BYTES))).toBe("a".repeat(MAX_FILE_BYTES));
  });
});
