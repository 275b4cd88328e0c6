/**
 * The content being served, and the only way to replace it: load a folder into a new snapshot and swap
 * it in whole, and only when every file is valid. Readers hold a snapshot, so a reload never shows them
 * half-loaded content.
 */
import { buildSearchIndex } from "../search/index.js";
import type { SearchIndex } from "../search/types.js";
import { folderFingerprint } from "../content/fingerprint.js";
import { diffLibraries, libraryStats, type LibraryDiff, type LibraryStats } from "../content/library.js";
import { loadContentDir } from "../content/load.js";
import type { ContentError, ContentLibrary, ContentWarning } from "../content/model.js";
import { loadOffThread, type OffThreadLoad } from "./off-thread.js";

export interface ContentSnapshot {
  readonly library: ContentLibrary;
  readonly search: SearchIndex;
}

/** Either way, `warnings` are the likely mistakes in the folder's files (content/parse.ts). */
export type ReloadOutcome = (
  | { readonly ok: true; readonly diff: LibraryDiff; readonly stats: LibraryStats; readonly version: string }
  | { readonly ok: false; readonly errors: readonly ContentError[] }
) & { readonly warnings: readonly ContentWarning[] };

/** How a reload ended, as the store reports it: swapped in (the load without its index), or rejected. */
export type ReloadEvent =
  | ({ readonly outcome: "reloaded" } & Omit<Extract<OffThreadLoad, { ok: true }>, "ok" | "search" | "warnings">)
  | { readonly outcome: "rejected"; readonly errors: readonly ContentError[] };

/** What the store tells the rest of the process, and where its reload worker is. Every part is optional. */
export interface ContentStoreOptions {
  /** The reload worker script (see off-thread.ts); by default the compiled one beside the store. */
  readonly workerUrl?: URL;
  /** A library starts being served: the first one, then each one a reload swaps in. */
  readonly onServe?: (library: ContentLibrary) => void;
  /** A reload ended: swapped in (where it was built, how long each step took) or rejected. */
  readonly onReload?: (event: ReloadEvent) => void;
  /** A transcript search starts; the function it returns is called when the search ends. */
  readonly onSearch?: () => () => void;
}

/** `index`, with `onSearch` told of every transcript search. */
function observed(index: SearchIndex, onSearch: (() => () => void) | undefined): SearchIndex {
  if (onSearch === undefined) return index;
  return {
    search(query, options) {
      const done = onSearch();
      try {
        return index.search(query, options);
      } finally {
        done();
      }
    },
    findQuestions: (interview, query, limit) => index.findQuestions(interview, query, limit),
    findSpeakers: (query, limit) => index.findSpeakers(query, limit),
  };
}

export function buildSnapshot(library: ContentLibrary): ContentSnapshot {
  return { library, search: buildSearchIndex(library.interviews) };
}

export class ContentStore {
  #current: ContentSnapshot;
  #queue: Promise<unknown> = Promise.resolve();
  #readFingerprint: string | undefined;
  readonly #options: ContentStoreOptions;
  /** The content repository's commit being served, when the folder is one (kept by the publisher; /healthz shows it). */
  commit: string | undefined;

  constructor(
    readonly dir: string,
    initial: ContentSnapshot,
    options: ContentStoreOptions = {},
  ) {
    this.#options = options;
    this.#current = { library: initial.library, search: observed(initial.search, options.onSearch) };
    options.onServe?.(initial.library);
  }

  /** Loads `dir` for start-up: the good interviews are served, and every error is returned for logging. */
  static async open(
    dir: string,
    options: ContentStoreOptions = {},
  ): Promise<{ store: ContentStore; errors: readonly ContentError[]; warnings: readonly ContentWarning[] }> {
    const fingerprint = await folderFingerprint(dir);
    const { library, errors, warnings } = await loadContentDir(dir);
    const store = new ContentStore(dir, buildSnapshot(library), options);
    store.#readFingerprint = fingerprint;
    return { store, errors, warnings };
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
    const { workerUrl, onServe, onReload, onSearch } = this.#options;
    this.#readFingerprint = await folderFingerprint(this.dir);
    // Parsed and indexed in a worker thread: a big folder does not hold up the interactions meanwhile.
    const loaded = await loadOffThread(this.dir, { workerUrl });
    if (!loaded.ok) {
      onReload?.({ outcome: "rejected", errors: loaded.errors });
      return { ok: false, errors: loaded.errors, warnings: loaded.warnings };
    }
    const { library, search, warnings, thread, fallback, timings, batches } = loaded;
    const before = this.#current.library;
    this.#current = { library, search: observed(search, onSearch) };
    onReload?.({ outcome: "reloaded", library, thread, fallback, timings, batches });
    onServe?.(library);
    const diff = diffLibraries(before, library);
    return { ok: true, diff, stats: libraryStats(library), version: library.version, warnings };
  }
}
