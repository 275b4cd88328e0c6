/**
 * Loads a content folder and builds its search index in a worker thread, so a reload of a big folder never
 * stalls the interactions the main thread is answering.
 *
 * The worker (snapshot-worker.ts, spoken to as reload-protocol.ts says) reads, parses and validates every
 * file and prepares the search index — the expensive part. The main thread then takes the result in batches of whole interviews, one batch per
 * turn of its event loop (each is a few milliseconds to deserialise), and the index's typed arrays are
 * transferred, not copied; assembling the index from them reads no line. If the worker cannot run, the
 * same work is done on the main thread: slower for interactions meanwhile, same result.
 */
import { Worker } from "node:worker_threads";
import { buildSearchIndex, searchIndexFromData } from "../search/index.js";
import type { SearchIndex } from "../search/types.js";
import { loadContentDir } from "../content/load.js";
import type { ContentError, ContentLibrary, ContentWarning, Interview } from "../content/model.js";
import type { FromWorker, ToWorker, WorkerInput } from "./reload-protocol.js";

export type OffThreadLoad =
  | {
      readonly ok: true;
      readonly library: ContentLibrary;
      readonly search: SearchIndex;
      /** Likely mistakes in files that loaded anyway (content/parse.ts). */
      readonly warnings: readonly ContentWarning[];
      /** Where the folder was parsed and indexed; "main" only when the worker could not run (`fallback` says why). */
      readonly thread: "worker" | "main";
      readonly fallback?: string;
      /** Where the time went, in ms: reading and parsing the files, preparing the index, handing it over. */
      readonly timings: { readonly readMs: number; readonly indexMs: number; readonly handoverMs: number };
      /** How many batches the worker handed the result over in; 0 when it was built on this thread. */
      readonly batches: number;
    }
  | { readonly ok: false; readonly errors: readonly ContentError[]; readonly warnings: readonly ContentWarning[] };

export interface OffThreadOptions {
  /**
   * The worker script: by default snapshot-worker.js beside this module, which exists once compiled
   * (dist/). Code run from the TypeScript sources names the compiled one; without it the work is done
   * on the main thread.
   */
  readonly workerUrl?: URL;
  /** About this many transcript lines per batch handed to the main thread. */
  readonly batchLines?: number;
}

const DEFAULT_BATCH_LINES = 4_000;
/** The compiled worker beside this compiled module (`npm start`); tests name the script they run. */
const DEFAULT_WORKER_URL = new URL("./snapshot-worker.js", import.meta.url);

/**
 * Reads `dir` all or nothing: every interview and its search index, or every error (and then no index is
 * built). Never rejects because of the worker; a folder that cannot be read is reported as an error.
 */
export async function loadOffThread(dir: string, options: OffThreadOptions = {}): Promise<OffThreadLoad> {
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  try {
    return await loadInWorker(dir, workerUrl, options.batchLines ?? DEFAULT_BATCH_LINES);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const loaded = await loadInThread(dir);
    return loaded.ok ? { ...loaded, fallback: `the worker thread failed (${reason})` } : loaded;
  }
}

/** The same result, computed on this thread. */
export async function loadInThread(dir: string): Promise<OffThreadLoad> {
  const started = performance.now();
  const { library, errors, warnings } = await loadContentDir(dir);
  if (errors.length > 0) return { ok: false, errors, warnings };
  const read = performance.now();
  const search = buildSearchIndex(library.interviews);
  const timings = { readMs: Math.round(read - started), indexMs: Math.round(performance.now() - read), handoverMs: 0 };
  return { ok: true, library, search, warnings, thread: "main", timings, batches: 0 };
}

function loadInWorker(dir: string, workerUrl: URL, batchLines: number): Promise<OffThreadLoad> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: { dir, batchLines } satisfies WorkerInput });
    const interviews: Interview[] = [];
    const normalizedLines: string[] = [];
    let settled = false;
    let handoverStarted = 0;
    let batches = 0;
    const settle = (outcome: () => OffThreadLoad): void => {
      settled = true;
      void worker.terminate();
      try {
        resolve(outcome());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    // Yield to the event loop between batches: pending interactions are answered before the next one.
    const askForMore = (): void => {
      setImmediate(() => {
        if (!settled) worker.postMessage("next" satisfies ToWorker);
      });
    };
    worker.on("message", (message: FromWorker) => {
      switch (message.kind) {
        case "errors":
          settle(() => ({ ok: false, errors: message.errors, warnings: message.warnings }));
          return;
        case "ready":
          handoverStarted = performance.now();
          askForMore();
          return;
        case "batch":
          batches++;
          for (const interview of message.interviews) interviews.push(interview);
          for (const line of message.normalizedLines) normalizedLines.push(line);
          askForMore();
          return;
        case "done":
          settle(() => {
            const library: ContentLibrary = {
              interviews,
              version: message.version,
              fileHashes: new Map(message.fileHashes),
            };
            const search = searchIndexFromData(interviews, { ...message.index, normalizedLines });
            const timings = {
              readMs: message.readMs,
              indexMs: message.indexMs,
              handoverMs: Math.round(performance.now() - handoverStarted),
            };
            return { ok: true, library, search, warnings: message.warnings, thread: "worker", timings, batches };
          });
          return;
      }
    });
    worker.once("error", (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
    worker.once("exit", (code) => {
      if (!settled) {
        settled = true;
        reject(new Error(`the worker exited with code ${code} before finishing`));
      }
    });
  });
}
