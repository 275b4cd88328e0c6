/**
 * The content being served, and the only way to replace it: load a folder into a new snapshot and swap
 * it in whole, and only when every file is valid. Readers hold a snapshot, so a reload never shows them
 * half-loaded content.
 */
import { recordContent, reloads, searchSeconds } from "../ops/metrics.js";
import { buildSearchIndex } from "../search/index.js";
import type { SearchIndex } from "../search/types.js";
import { folderFingerprint } from "../content/fingerprint.js";
import { diffLibraries, libraryStats, type LibraryDiff, type LibraryStats } from "../content/library.js";
import { loadContentDir } from "../content/load.js";
import type { ContentError, ContentLibrary } from "../content/model.js";
import { loadOffThread } from "./off-thread.js";

export interface ContentSnapshot {
  readonly library: ContentLibrary;
  readonly search: SearchIndex;
}

export type ReloadOutcome =
  | { readonly ok: true; readonly diff: LibraryDiff; readonly stats: LibraryStats; readonly version: string }
  | { readonly ok: false; readonly errors: readonly ContentError[] };

/** Every transcript search is timed for /metrics. */
function timed(index: SearchIndex): SearchIndex {
  return {
    search(query, options) {
      const stop = searchSeconds.startTimer();
      try {
        return index.search(query, options);
      } finally {
        stop();
      }
    },
    findQuestions: (interview, query, limit) => index.findQuestions(interview, query, limit),
    findSpeakers: (query, limit) => index.findSpeakers(query, limit),
  };
}

export function buildSnapshot(library: ContentLibrary): ContentSnapshot {
  return { library, search: timed(buildSearchIndex(library.interviews)) };
}

export class ContentStore {
  #current: ContentSnapshot;
  #queue: Promise<unknown> = Promise.resolve();
  #readFingerprint: string | undefined;

  constructor(
    readonly dir: string,
    initial: ContentSnapshot,
    readFingerprint?: string,
  ) {
    this.#current = initial;
    this.#readFingerprint = readFingerprint;
    recordContent(initial.library);
  }

  /** Loads `dir` for start-up: the good interviews are served, and every error is returned for logging. */
  static async open(dir: string): Promise<{ store: ContentStore; errors: readonly ContentError[] }> {
    const fingerprint = await folderFingerprint(dir);
    const { library, errors } = await loadContentDir(dir);
    return { store: new ContentStore(dir, buildSnapshot(library), fingerprint), errors };
  }

  get current(): ContentSnapshot {
    return this.#current;
  }

  /**
   * The folder's fingerprint (content/fingerprint.ts) as it was when last read, by start-up or a reload,
   * accepted or not. Taken before reading, so a change made during a read still looks new afterwards.
   */
  get readFingerprint(): string | undefined {
    return this.#readFingerprint;
  }

  /**
   * Reloads the folder: all or nothing. Reloads run one after another, never two at once, so each one
   * reports the change from the content it replaced.
   */
  reload(): Promise<ReloadOutcome> {
    const run = this.#queue.then(() => this.#reloadNow());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #reloadNow(): Promise<ReloadOutcome> {
    this.#readFingerprint = await folderFingerprint(this.dir);
    // Parsed and indexed in a worker thread: a big folder does not hold up the interactions meanwhile.
    const loaded = await loadOffThread(this.dir);
    if (!loaded.ok) {
      reloads.inc({ outcome: "rejected" });
      return { ok: false, errors: loaded.errors };
    }
    const { library } = loaded;
    const before = this.#current.library;
    this.#current = { library, search: timed(loaded.search) };
    reloads.inc({ outcome: "reloaded" });
    recordContent(library);
    return { ok: true, diff: diffLibraries(before, library), stats: libraryStats(library), version: library.version };
  }
}
