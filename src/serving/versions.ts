/**
 * The content folder's versions, kept by git (the `git` command line): the folder is a repository, and
 * every change made from Discord is one commit whose author is the moderator. Optionally the repository
 * follows a remote (CONTENT_GIT_URL): cloned at start, fetched and fast-forwarded, pushed to on publish.
 *
 * git always runs with `--git-dir` and `--work-tree` set to the folder, so a content folder inside some
 * other checkout (the default `content/` of this repository) never writes into that other repository.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** Who made a version: a moderator from Discord, or the bot itself. */
export interface VersionAuthor {
  readonly name: string;
  /** The Discord user id; undefined for the bot's own commits. */
  readonly id: string | undefined;
}

export interface Version {
  readonly commit: string;
  /** Seconds since the epoch. */
  readonly time: number;
  readonly authorName: string;
  /** The Discord id when a moderator made it from Discord (read back from the author's address). */
  readonly authorId: string | undefined;
  /** The commit's first line: what changed. */
  readonly subject: string;
}

export interface RemoteSettings {
  readonly url: string;
  readonly branch: string;
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ""} failed: ${gitReason(stderr)}`);
    this.name = "GitError";
  }
}

/**
 * What git said, in a line a moderator may read: the remote's own words and the refusal, never a
 * password or token an address may carry (`https://user:token@host/…`).
 */
function gitReason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const telling = lines.filter((line) => /^(remote:|!|fatal:|error:)/.test(line));
  const reason = (telling.length > 0 ? telling : lines.slice(-3)).join(" ").replace(/\/\/[^/@\s]+@/g, "//…@");
  return reason.slice(0, 1000) || "no message";
}

const BOT_AUTHOR: VersionAuthor = { name: "Verbatim", id: undefined };

/**
 * Set on every git command: the bot commits as itself (the moderator is the author), never signs, and
 * never waits for a password at a terminal it does not have (`core.askPass=true` answers nothing, after
 * any credential helper).
 */
const GIT_SETTINGS = [
  "-c",
  `user.name=${BOT_AUTHOR.name}`,
  "-c",
  "user.email=verbatim@localhost",
  "-c",
  "commit.gpgsign=false",
  "-c",
  "core.quotepath=false",
  "-c",
  "core.askPass=true",
];
/** Discord ids ride in the author's address: `1234…@discord`. */
const DISCORD_EMAIL = /^(\d{17,20})@discord$/;

/** `Name <address>` for `git commit --author`, the name without what git would read as the address. */
function authorLine(author: VersionAuthor): string {
  const name = author.name.replace(/[<>\n]/g, "").trim() || "unknown";
  return `${name} <${author.id === undefined ? "verbatim@localhost" : `${author.id}@discord`}>`;
}

/** A change to one file of the folder: new bytes, or null to delete it. */
export interface FileChange {
  /** Relative to the folder, with `/`. */
  readonly path: string;
  readonly bytes: Buffer | null;
}

export class ContentVersions {
  readonly #dir: string;
  readonly #gitDir: string;
  readonly remote: RemoteSettings | undefined;

  constructor(dir: string, remote?: RemoteSettings) {
    this.#dir = path.resolve(dir);
    this.#gitDir = path.join(this.#dir, ".git");
    this.remote = remote;
  }

  /** Runs git on the folder; rejects with a GitError carrying git's own words. */
  #git(args: readonly string[]): Promise<string> {
    return this.#run(args, "utf8").then((out) => out.toString());
  }

  #run(args: readonly string[], encoding: "utf8" | "buffer"): Promise<string | Buffer> {
    const full = [...GIT_SETTINGS, `--git-dir=${this.#gitDir}`, `--work-tree=${this.#dir}`, ...args];
    return new Promise((resolve, reject) => {
      execFile("git", full, { cwd: this.#dir, encoding, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new GitError(args, stderr.toString() || error.message));
        else resolve(stdout);
      });
    });
  }

  /** Makes the folder a repository (when it is not one yet), recording the files as they are. */
  async ensureRepository(): Promise<void> {
    if (existsSync(this.#gitDir)) return;
    await this.#git(["init", "-q", "-b", this.remote?.branch ?? "main"]);
    await this.#git(["add", "-A"]);
    await this.#git(["commit", "-q", "--allow-empty", "-m", "Content as found before the first change from Discord"]);
  }

  /**
   * Clones the remote into the folder at start: into an empty or missing folder, or, when the folder is
   * a clone of it already, fetches and fast-forwards. Any other folder is refused (nothing is overwritten).
   */
  async cloneRemote(): Promise<void> {
    const remote = this.#requireRemote();
    if (existsSync(this.#gitDir)) {
      const origin = (await this.#git(["remote", "get-url", "origin"]).catch(() => "")).trim();
      if (origin !== remote.url)
        throw new Error(
          `${this.#dir} is a repository of ${origin || "no remote"}, not of CONTENT_GIT_URL ${remote.url}`,
        );
      return;
    }
    await mkdir(this.#dir, { recursive: true });
    await new Promise<void>((resolve, reject) => {
      execFile(
        "git",
        [...GIT_SETTINGS, "clone", "-q", "--branch", remote.branch, "--", remote.url, this.#dir],
        (error, _stdout, stderr) => (error ? reject(new GitError(["clone"], stderr || error.message)) : resolve()),
      );
    });
  }

  #requireRemote(): RemoteSettings {
    if (this.remote === undefined) throw new Error("no remote repository is set (CONTENT_GIT_URL)");
    return this.remote;
  }

  /** The commit the folder is at; undefined before the first one. */
  async head(): Promise<string | undefined> {
    try {
      return (await this.#git(["rev-parse", "--verify", "-q", "HEAD"])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** The full commit a version (a hash, possibly shortened) names; undefined when there is none. */
  async resolve(version: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{4,40}$/i.test(version)) return undefined;
    try {
      return (await this.#git(["rev-parse", "--verify", "-q", `${version}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** The newest versions, of one file or of the whole folder. */
  async history(file: string | undefined, limit: number): Promise<Version[]> {
    const format = ["%H", "%at", "%an", "%ae", "%s"].join("%x1f");
    const args = ["log", `-n${limit}`, `--format=${format}%x1e`, ...(file === undefined ? [] : ["--", file])];
    const out = await this.#git(args).catch(() => "");
    return out
      .split("\x1e")
      .map((record) => record.trim())
      .filter((record) => record !== "")
      .map((record) => {
        const [commit = "", time = "0", authorName = "", email = "", subject = ""] = record.split("\x1f");
        return { commit, time: Number(time), authorName, authorId: DISCORD_EMAIL.exec(email)?.[1], subject };
      });
  }

  /** The path (relative, with `/`) of interview `id`'s file in `commit`, or undefined when it has none. */
  async pathAt(commit: string, id: string): Promise<string | undefined> {
    const files = (await this.#git(["ls-tree", "-r", "--name-only", "-z", commit])).split("\0");
    const wanted = `${id}.md`.toLowerCase();
    return files.find((file) => file.replace(/^.*\//, "").toLowerCase() === wanted);
  }

  /** A file's bytes in a commit, exactly as committed (a rollback restores them as they were). */
  async fileAt(commit: string, file: string): Promise<Buffer> {
    return Buffer.from(await this.#run(["show", `${commit}:${file}`], "buffer"));
  }

  /**
   * Writes `change` into the folder (atomically: a hidden temporary file renamed over the old one) and
   * commits only that file. Returns the new commit and how to put everything back.
   */
  async commit(change: FileChange, author: VersionAuthor, subject: string, body: string): Promise<CommittedChange> {
    const full = path.resolve(this.#dir, change.path);
    const inside = path.relative(this.#dir, full);
    if (inside.startsWith("..") || path.isAbsolute(inside) || inside.split(path.sep)[0] === ".git")
      throw new Error(`${change.path} is not a file of the content folder`);
    const before = await this.head();
    const old = await readFile(full).catch(() => null);
    if (change.bytes === null) await rm(full, { force: true });
    else {
      await mkdir(path.dirname(full), { recursive: true });
      const temporary = path.join(path.dirname(full), `.${path.basename(full)}.${process.pid}.tmp`);
      await writeFile(temporary, change.bytes);
      await rename(temporary, full);
    }
    const restore = async (): Promise<void> => {
      // Back to the commit before, and the file as it was; other files' uncommitted edits stay as they are.
      if (before !== undefined) await this.#git(["reset", "-q", "--soft", before]);
      await this.#git(["reset", "-q", "--", change.path]).catch(() => undefined);
      if (old === null) await rm(full, { force: true });
      else await writeFile(full, old);
    };
    try {
      await this.#git(["add", "-A", "--", change.path]);
      const message = ["-m", subject, ...(body === "" ? [] : ["-m", body])];
      await this.#git(["commit", "-q", `--author=${authorLine(author)}`, ...message, "--", change.path]);
      const commit = await this.head();
      if (commit === undefined || commit === before) throw new Error("git made no commit");
      return { commit, restore };
    } catch (error) {
      await restore().catch(() => undefined);
      throw error;
    }
  }

  /** Pushes the folder's commit to the remote branch; a refusal rejects with git's reason. */
  async push(): Promise<void> {
    const remote = this.#requireRemote();
    await this.#git(["push", "-q", "origin", `HEAD:refs/heads/${remote.branch}`]);
  }

  /** Fetches the remote branch; resolves with the commit it is at. */
  async fetch(): Promise<string> {
    const remote = this.#requireRemote();
    await this.#git(["fetch", "-q", "origin", `+refs/heads/${remote.branch}:refs/remotes/origin/${remote.branch}`]);
    return (await this.#git(["rev-parse", `refs/remotes/origin/${remote.branch}`])).trim();
  }

  /** Whether `ancestor` is `commit` or one of its ancestors. */
  async isAncestor(ancestor: string, commit: string): Promise<boolean> {
    return this.#git(["merge-base", "--is-ancestor", ancestor, commit]).then(
      () => true,
      () => false,
    );
  }

  /** Moves the folder to `commit` (files and all): after a fetch, or back to the last good commit. */
  async checkout(commit: string): Promise<void> {
    await this.#git(["reset", "-q", "--hard", commit]);
  }
}

export interface CommittedChange {
  readonly commit: string;
  /** Undoes the commit and puts the file back as it was (the change failed further on). */
  restore(): Promise<void>;
}
