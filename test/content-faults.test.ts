/** The content loader under disk faults: links, broken links, pipes — each served or named, never hung on. */
import { execFileSync } from "node:child_process";
import { copyFile, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContentDir } from "../src/content/load.js";
import { formatContentError } from "../src/content/model.js";

const SEED = "content/altman-all-in-2024-05.md";

describe("loading a folder with links and special files", () => {
  let dir: string;
  let elsewhere: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "verbatim-links-"));
    elsewhere = await mkdtemp(path.join(tmpdir(), "verbatim-link-targets-"));
    await copyFile(SEED, path.join(dir, "plain.md"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  async function load(): Promise<{ ids: string[]; errors: string[] }> {
    const { library, errors } = await loadContentDir(dir);
    return { ids: library.interviews.map((interview) => interview.id), errors: errors.map(formatContentError) };
  }

  it("serves an interview whose file is a link to a file elsewhere", async () => {
    await copyFile(SEED, path.join(elsewhere, "target.md"));
    await symlink(path.join(elsewhere, "target.md"), path.join(dir, "linked.md"));
    expect(await load()).toEqual({ ids: ["linked", "plain"], errors: [] });
  });

  it("names a link that leads nowhere instead of silently dropping the interview", async () => {
    await symlink(path.join(elsewhere, "gone.md"), path.join(dir, "dangling.md"));
    expect(await load()).toEqual({ ids: ["plain"], errors: ["dangling.md: the file does not exist"] });
  });

  it("names a link to a named pipe instead of waiting on it forever", async () => {
    execFileSync("mkfifo", [path.join(elsewhere, "pipe")]);
    await symlink(path.join(elsewhere, "pipe"), path.join(dir, "pipe.md"));
    expect(await load()).toEqual({
      ids: ["plain"],
      errors: ["pipe.md: the file is not a regular file (a pipe or a device?)"],
    });
  }, 10_000);

  it("does not enter a linked folder (no loops), and names a link to a folder posing as a file", async () => {
    await symlink(dir, path.join(dir, "loop"));
    await symlink(elsewhere, path.join(dir, "folder.md"));
    expect(await load()).toEqual({ ids: ["plain"], errors: ["folder.md: the file is a folder, not a file"] });
  });
});
