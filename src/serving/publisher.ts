/**
 * Changing the content from Discord: an uploaded file, a rollback to an earlier version, a removal. Each
 * is checked first (the preview), then applied as one version (a git commit, see versions.ts) and
 * reloaded all or nothing; when anything fails the folder is put back as it was, so nothing is written.
 * With a remote (CONTENT_GIT_URL) the commit is pushed before anything is served, and the folder follows
 * the remote: fetched, fast-forwarded, and moved back when a commit there does not load.
 *
 * One change at a time in this process: publishing, rolling back, removing and following the remote wait
 * for one another.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { diffInterviews, type InterviewDiff } from "../content/interview-diff.js";
import { decodeInterviewFile } from "../content/load.js";
import type { ContentError, ContentWarning, Interview } from "../content/model.js";
import { parseInterview } from "../content/parse.js";
import type { PlacedReport } from "../content/reload-report.js";
import type { ReloadEverywhere } from "./reload-report.js";
import type { ContentStore } from "./store.js";
import { type ContentVersions, GitError, type Version, type VersionAuthor } from "./versions.js";

/** Fetches an attachment's bytes (at most `maxBytes`); rejects with a reason a moderator can read. */
export type Downloader = (url: string, maxBytes: number) => Promise<Buffer>;

/** An interview id a file may be published under: it names the file and rides in button ids. */
const PUBLISHABLE_ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,47}$/u;
export const MAX_ID_LENGTH = 48;

/** What a change does, checked before anything is written: the preview, and again when it is applied. */
export type CheckedChange =
  | { readonly ok: false; readonly errors: readonly ContentError[]; readonly warnings: readonly ContentWarning[] }
  | {
      readonly ok: true;
      readonly id: string;
      /** The file it writes or removes, relative to the content folder. */
      readonly path: string;
      /** The new bytes; null for a removal. */
      readonly bytes: Buffer | null;
      /** The interview as it would be served; undefined for a removal. */
      readonly interview: Interview | undefined;
      /** The interview being served under that id, if any. */
      readonly served: Interview | undefined;
      readonly diff: InterviewDiff;
      readonly warnings: readonly ContentWarning[];
      /** The first 16 hex digits of the new bytes' SHA-256 ("" for a removal): what Publish checks again. */
      readonly hash: string;
      /** The folder holds these very bytes already: there is nothing to publish. */
      readonly unchanged: boolean;
    };

export type Applicable = Extract<CheckedChange, { ok: true }>;

export type PublishOutcome =
  | { readonly status: "published"; readonly commit: string; readonly reports: readonly PlacedReport[] }
  | { readonly status: "unchanged" }
  /** The reload refused the folder with the change: it was put back, nothing is written. */
  | { readonly status: "rejected"; readonly reports: readonly PlacedReport[] }
  /** The remote refused the push: the change was undone, nothing served changed. */
  | { readonly status: "pushRefused"; readonly reason: string };

/** What a poll of the remote did. */
export type PollOutcome =
  | { readonly status: "current" }
  | { readonly status: "updated"; readonly commit: string; readonly reports: readonly PlacedReport[] }
  /** The remote's commit does not load: the folder stays at the good commit. */
  | { readonly status: "refused"; readonly commit: string; readonly reports: readonly PlacedReport[] }
  /** The folder has commits the remote lacks: it is left alone (an operator must reconcile them). */
  | { readonly status: "diverged"; readonly commit: string };

export function hashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

const problem = (file: string, message: string): CheckedChange => ({
  ok: false,
  errors: [{ file, line: undefined, message }],
  warnings: [],
});

export interface PublisherSetup {
  readonly store: ContentStore;
  readonly versions: ContentVersions;
  readonly download: Downloader;
  /** Reloads every process serving the folder (this one, or every shard). */
  readonly reloadEverywhere: ReloadEverywhere;
}

export class ContentPublisher {
  readonly #store: ContentStore;
  readonly versions: ContentVersions;
  readonly download: Downloader;
  readonly #reloadEverywhere: ReloadEverywhere;
  #queue: Promise<unknown> = Promise.resolve();
  /** The remote commit last refused because it did not load: polls skip it until the remote moves on. */
  #refusedCommit: string | undefined;

  constructor({ store, versions, download, reloadEverywhere }: PublisherSetup) {
    this.#store = store;
    this.versions = versions;
    this.download = download;
    this.#reloadEverywhere = reloadEverywhere;
  }

  /**
   * Notes the commit the folder is at as the one served (at start, after the first load). Only with a
   * remote: replicas sharing a plain folder reload it when it changes, and would show a stale commit.
   */
  async noteServedCommit(): Promise<void> {
    if (this.versions.remote !== undefined) this.#store.commit = await this.versions.head();
  }

  /** Runs `work` after every change queued before it. */
  #serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #served(id: string): Interview | undefined {
    const lower = id.toLowerCase();
    return this.#store.current.library.interviews.find((interview) => interview.id.toLowerCase() === lower);
  }

  /**
   * Checks `bytes` as an interview file: an upload named `file` (only its base name counts), or, with
   * `versionPath`, the file at that path in an earlier version (where a removed interview goes back to).
   */
  async check(file: string, bytes: Uint8Array, versionPath?: string): Promise<CheckedChange> {
    const name = file.replace(/^.*[/\\]/, "");
    if (!/\.md$/i.test(name)) return problem(name, "only Markdown files (.md) can be published");
    const id = name.slice(0, -3);
    if (!PUBLISHABLE_ID.test(id))
      return problem(
        name,
        `the file name must be letters, digits, ".", "_" or "-" (at most ${MAX_ID_LENGTH} before .md): it becomes the interview's id`,
      );
    const text = decodeInterviewFile(bytes);
    if (typeof text !== "string") return problem(name, text.problem);
    const served = this.#served(id);
    const target = served?.file ?? versionPath ?? name;
    const parsed = parseInterview(text, served?.id ?? id, target);
    if (!parsed.ok) return parsed;
    const current = await readFile(path.join(this.#store.dir, target)).catch(() => undefined);
    return {
      ok: true,
      id: parsed.interview.id,
      path: target,
      bytes: Buffer.from(bytes),
      interview: parsed.interview,
      served,
      diff: diffInterviews(served, parsed.interview),
      warnings: parsed.warnings,
      hash: hashOf(bytes),
      unchanged: current !== undefined && Buffer.compare(current, bytes) === 0,
    };
  }

  /** Checks removing a served interview (undefined: there is none by that id). */
  checkRemoval(id: string): CheckedChange | undefined {
    const served = this.#served(id);
    if (served === undefined) return undefined;
    return {
      ok: true,
      id: served.id,
      path: served.file,
      bytes: null,
      interview: undefined,
      served,
      diff: diffInterviews(served, undefined),
      warnings: [],
      hash: "",
      unchanged: false,
    };
  }

  /** The file of interview `id` as it was in `version`, checked as an upload; undefined when that version has no such file. */
  async checkRollback(id: string, version: string): Promise<{ commit: string; change: CheckedChange } | undefined> {
    const commit = await this.versions.resolve(version);
    if (commit === undefined) return undefined;
    const file = await this.versions.pathAt(commit, id);
    if (file === undefined) return undefined;
    return { commit, change: await this.check(file, await this.versions.fileAt(commit, file), file) };
  }

  /** The newest versions, of one interview's file or of the whole folder. */
  async history(id: string | undefined, limit = 10): Promise<Version[]> {
    const file = id === undefined ? undefined : (this.#served(id)?.file ?? `${id}.md`);
    return this.versions.history(file, limit);
  }

  /**
   * Applies a checked change as one version: written and committed, pushed when there is a remote, then
   * reloaded everywhere. Anything failing puts the folder back as it was.
   */
  apply(change: Applicable, author: VersionAuthor, subject: string): Promise<PublishOutcome> {
    return this.#serially(async () => {
      // On top of the remote's newest commit, so that the push is a fast-forward even between two polls.
      if (this.versions.remote !== undefined) await this.#follow(false);
      const current = await readFile(path.join(this.#store.dir, change.path)).catch(() => null);
      const same =
        change.bytes === null ? current === null : current !== null && Buffer.compare(current, change.bytes) === 0;
      if (same) return { status: "unchanged" };
      await this.versions.ensureRepository();
      const committed = await this.versions.commit(change, author, subject, describeDiff(change.diff));
      if (this.versions.remote !== undefined) {
        try {
          await this.versions.push();
        } catch (error) {
          await committed.restore();
          return { status: "pushRefused", reason: error instanceof GitError ? error.message : String(error) };
        }
      }
      const reports = await this.#reloadEverywhere();
      if (!reports.some((placed) => placed.report.status === "reloaded")) {
        await committed.restore();
        return { status: "rejected", reports };
      }
      if (this.versions.remote !== undefined) this.#store.commit = committed.commit;
      return { status: "published", commit: committed.commit, reports };
    });
  }

  /** /reload with a remote: fetch, fast-forward, reload everywhere; a commit that does not load is undone. */
  async pullAndReload(): Promise<readonly PlacedReport[]> {
    const outcome = await this.poll({ retryRefused: true });
    if (outcome.status === "updated" || outcome.status === "refused") return outcome.reports;
    return this.#reloadEverywhere();
  }

  /**
   * Follows the remote: when it has moved on, fast-forwards the folder and reloads; a commit that does
   * not load is refused (the folder goes back to the good commit) and skipped until the remote moves again.
   */
  poll(options: { retryRefused?: boolean } = {}): Promise<PollOutcome> {
    return this.#serially(() => this.#follow(options.retryRefused === true));
  }

  /** The poll's work, inside the queue (a change follows the remote first too). */
  async #follow(retryRefused: boolean): Promise<PollOutcome> {
    const remote = await this.versions.fetch();
    const head = await this.versions.head();
    this.#store.commit ??= head;
    if (remote === head || (remote === this.#refusedCommit && !retryRefused)) return { status: "current" };
    if (head !== undefined && !(await this.versions.isAncestor(head, remote))) {
      // The remote was rewritten, or the folder holds commits it lacks: follow only a fast-forward.
      if (!(await this.versions.isAncestor(remote, head))) return { status: "diverged", commit: remote };
      return { status: "current" };
    }
    await this.versions.checkout(remote);
    const reports = await this.#reloadEverywhere();
    if (!reports.some((placed) => placed.report.status === "reloaded")) {
      if (head !== undefined) await this.versions.checkout(head);
      this.#refusedCommit = remote;
      return { status: "refused", commit: remote, reports };
    }
    this.#store.commit = remote;
    return { status: "updated", commit: remote, reports };
  }
}

/** The commit message's body: what the change does to the interview. */
function describeDiff(diff: InterviewDiff): string {
  const list = (numbers: readonly number[]): string => (numbers.length === 0 ? "none" : numbers.join(", "));
  return [
    `Questions added: ${list(diff.questionsAdded)}`,
    `Questions removed: ${list(diff.questionsRemoved)}`,
    `Questions changed: ${list(diff.questionsChanged)}`,
    `Lines: +${diff.linesAdded} -${diff.linesRemoved}`,
  ].join("\n");
}
