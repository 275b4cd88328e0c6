/**
 * Reads a content folder into a ContentLibrary: every good interview and every error, never an exception.
 * Reads only; nothing is ever written to the content folder.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ContentError, ContentLibrary, ContentWarning, Interview } from "./model.js";
import { parseInterview } from "./parse.js";

/** Larger files are refused before they are read: an interview is text, a few hundred KB at most. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface LoadResult {
  readonly library: ContentLibrary;
  readonly errors: readonly ContentError[];
  /** Likely mistakes in the files, loaded or not (see parse.ts): shown, never a reason to refuse a folder. */
  readonly warnings: readonly ContentWarning[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function isInterviewFile(name: string): boolean {
  return name.toLowerCase().endsWith(".md") && !name.startsWith(".") && !name.startsWith("_") && name.toLowerCase() !== "readme.md";
}

/**
 * Relative paths of the interview files below `dir`, sorted, skipping hidden folders. Links to files
 * are listed (and followed when read, so a broken one is reported); linked folders are not entered.
 */
export async function listInterviewFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") {
      files.push(...(await listInterviewFiles(dir, relative)));
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isInterviewFile(entry.name)) {
      files.push(relative);
    }
  }
  return files.sort();
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  if (code === "ENOTDIR") return "is not a folder";
  if (code === "EISDIR") return "is a folder, not a file";
  return `cannot be read (${code ?? String(error)})`;
}

function tooBig(size: number): string {
  return `the file is ${(size / 1024 / 1024).toFixed(1)} MB; an interview may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`;
}

/** A file's bytes as Markdown text, or what is wrong with them (too big, binary, not UTF-8). */
export function decodeInterviewFile(bytes: Uint8Array): string | { readonly problem: string } {
  if (bytes.length > MAX_FILE_BYTES) return { problem: tooBig(bytes.length) };
  if (bytes.includes(0)) return { problem: "the file is binary, not Markdown text" };
  try {
    return utf8.decode(bytes);
  } catch {
    return { problem: "the file is not UTF-8 text (save it as UTF-8)" };
  }
}

type FileOutcome = (
  | { readonly ok: true; readonly interview: Interview; readonly hash: string }
  | { readonly ok: false; readonly errors: readonly ContentError[] }
) & { readonly warnings?: readonly ContentWarning[] };

async function loadFile(dir: string, relative: string): Promise<FileOutcome> {
  const fail = (message: string): FileOutcome => ({ ok: false, errors: [{ file: relative, line: undefined, message }] });
  const full = path.join(dir, relative);
  let bytes: Buffer;
  try {
    const info = await stat(full);
    // Reading a named pipe would wait forever, and every later reload with it.
    if (!info.isFile()) return fail(info.isDirectory() ? "the file is a folder, not a file" : "the file is not a regular file (a pipe or a device?)");
    if (info.size > MAX_FILE_BYTES) return fail(tooBig(info.size));
    bytes = await readFile(full);
  } catch (error) {
    return fail(`the file ${describeFsError(error)}`);
  }
  const text = decodeInterviewFile(bytes);
  if (typeof text !== "string") return fail(text.problem);
  const id = relative.replace(/^.*\//, "").replace(/\.md$/i, "");
  const parsed = parseInterview(text, id, relative);
  if (!parsed.ok) return parsed;
  const hash = createHash("sha256").update(relative).update("\0").update(bytes).digest("hex");
  return { ok: true, interview: parsed.interview, hash, warnings: parsed.warnings };
}

/** Loads every interview below `dir`. Bad files are reported, all of them; good ones are kept. */
export async function loadContentDir(dir: string): Promise<LoadResult> {
  let files: string[];
  try {
    files = await listInterviewFiles(dir);
  } catch (error) {
    const errors = [{ file: dir, line: undefined, message: `the content folder ${describeFsError(error)}` }];
    return { library: emptyLibrary(), errors, warnings: [] };
  }

  const outcomes = await mapWithConcurrency(files, READ_CONCURRENCY, (relative) => loadFile(dir, relative));
  const errors: ContentError[] = [];
  const warnings: ContentWarning[] = [];
  const interviews: Interview[] = [];
  const fileHashes = new Map<string, string>();
  const fileOfId = new Map<string, string>();
  for (const [index, outcome] of outcomes.entries()) {
    const relative = files[index] ?? "";
    warnings.push(...(outcome.warnings ?? []));
    if (!outcome.ok) {
      errors.push(...outcome.errors);
      continue;
    }
    // Ids name interviews in commands and button ids, so they must be unique regardless of case.
    const key = outcome.interview.id.toLowerCase();
    const other = fileOfId.get(key);
    if (other !== undefined) {
      errors.push({ file: relative, line: undefined, message: `the interview id "${outcome.interview.id}" is already used by ${other}; rename one of the files` });
      continue;
    }
    fileOfId.set(key, relative);
    interviews.push(outcome.interview);
    fileHashes.set(outcome.interview.id, outcome.hash);
  }
  if (files.length === 0) errors.push({ file: dir, line: undefined, message: "the content folder has no interview files (*.md)" });

  const version = createHash("sha256").update([...fileHashes.values()].join("\n")).digest("hex").slice(0, 16);
  return { library: { interviews, version, fileHashes }, errors, warnings };
}

/** Enough parallel reads to keep the disk busy without holding thousands of file handles open. */
const READ_CONCURRENCY = 32;

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function emptyLibrary(): ContentLibrary {
  return { interviews: [], version: "empty", fileHashes: new Map() };
}
