/**
 * Loads a content folder and builds its search index in a worker thread, so a reload of a big folder never
 * stalls the interactions the main thread is answering.
 *
 * The worker (snapshot-worker.ts) reads, parses and validates every file and prepares the search index —
 * the expensive part. The main thread then takes the result in batches of whole interviews, one batch per
 * turn of its event loop (each is a few milliseconds to deserialise), and the index's typed arrays are
 * transferred, not copied; assembling the index from them reads no line. If the worker cannot run, the
 * same work is done on the main thread: slower for interactions meanwhile, same result.
 */
import { Worker } from "node:worker_threads";
import { buildSearchIndex, searchIndexFromData, type SearchIndexData } from "../search/index.js";
import type { SearchIndex } from "../search/types.js";
import { loadContentDir } from "../content/load.js";
import type { ContentError, ContentLibrary, Interview } from "../content/model.js";

export type OffThreadLoad =
  | {
      readonly ok: true;
      readonly library: ContentLibrary;
      readonly search: SearchIndex;
      /** Where the folder was parsed and indexed; "main" only when the worker could not run (`fallback` says why). */
      readonly thread: "worker" | "main";
      readonly fallback?: string;
      /** Where the time went, in ms: reading and parsing the files, preparing the index, handing it over. */
      readonly timings: { readonly readMs: number; readonly indexMs: number; readonly handoverMs: number };
    }
  | { readonly ok: false; readonly errors: readonly ContentError[] };

export interface OffThreadOptions {
  /** The worker script (tests point it elsewhere). */
  readonly workerUrl?: URL;
  /** About this many transcript lines per batch handed to the main thread. */
  readonly batchLines?: number;
}

// ─── The protocol between the two threads ──────────────────────────────────────────────────────────

export interface WorkerInput {
  readonly dir: string;
  readonly batchLines: number;
}

/** Worker → main. After "ready" and each "batch", the main thread posts "next" when it is ready for more. */
export type FromWorker =
  /** The folder has errors: no index was built (a reload is all or nothing). */
  | { readonly kind: "errors"; readonly errors: readonly ContentError[] }
  | { readonly kind: "ready"; readonly batches: number }
  | { readonly kind: "batch"; readonly interviews: readonly Interview[]; readonly normalizedLines: readonly string[] }
  | {
      readonly kind: "done";
      readonly version: string;
      readonly fileHashes: readonly (readonly [string, string])[];
      readonly index: Omit<SearchIndexData, "normalizedLines">;
      readonly readMs: number;
      readonly indexMs: number;
    };

export type ToWorker = "next";

// ───────────────────────────────────────────────────────────────────────────────────────────────────

const DEFAULT_BATCH_LINES = 4_000;
const fromSources = !import.meta.url.endsWith(".js");
const DEFAULT_WORKER_URL = new URL(fromSources ? "./snapshot-worker.ts" : "./snapshot-worker.js", import.meta.url);

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
  const { library, errors } = await loadContentDir(dir);
  if (errors.length > 0) return { ok: false, errors };
  const read = performance.now();
  const search = buildSearchIndex(library.interviews);
  const timings = { readMs: Math.round(read - started), indexMs: Math.round(performance.now() - read), handoverMs: 0 };
  return { ok: true, library, search, thread: "main", timings };
}

function loadInWorker(dir: string, workerUrl: URL, batchLines: number): Promise<OffThreadLoad> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(workerUrl, { dir, batchLines });
    const interviews: Interview[] = [];
    const normalizedLines: string[] = [];
    let settled = false;
    let handoverStarted = 0;
    const settle = (outcome: () => OffThreadLoad): void => {
      settled = true;
      void worker.terminate();
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
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
          settle(() => ({ ok: false, errors: message.errors }));
          return;
        case "ready":
          handoverStarted = performance.now();
          askForMore();
          return;
        case "batch":
          for (const interview of message.interviews) interviews.push(interview);
          for (const line of message.normalizedLines) normalizedLines.push(line);
          askForMore();
          return;
        case "done":
          settle(() => {
            const library: ContentLibrary = { interviews, version: message.version, fileHashes: new Map(message.fileHashes) };
            const search = searchIndexFromData(interviews, { ...message.index, normalizedLines });
            const timings = { readMs: message.readMs, indexMs: message.indexMs, handoverMs: Math.round(performance.now() - handoverStarted) };
            return { ok: true, library, search, thread: "worker", timings };
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

function startWorker(url: URL, input: WorkerInput): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData: input });
  // Running from TypeScript sources (tsx, vitest): the worker imports the script through tsx's API.
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}));`;
  return new Worker(code, { eval: true, workerData: input });
}
