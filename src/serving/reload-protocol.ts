/**
 * The messages between a reload's main thread (off-thread.ts) and its worker thread (snapshot-worker.ts):
 * both import them from here, so neither depends on the other.
 *
 * The worker starts with a `WorkerInput` as its `workerData`. It answers "errors" (and stops) or "ready";
 * after "ready" and after each "batch", the main thread posts "next" when it wants more, and the worker
 * answers with the next "batch", or with "done" once every interview has been sent.
 */
import type { ContentError, ContentWarning, Interview } from "../content/model.js";
import type { SearchIndexData } from "../search/index.js";

export interface WorkerInput {
  readonly dir: string;
  /** About this many transcript lines per batch. */
  readonly batchLines: number;
}

/** Worker → main. */
export type FromWorker =
  /** The folder has errors: no index was built (a reload is all or nothing). */
  | { readonly kind: "errors"; readonly errors: readonly ContentError[]; readonly warnings: readonly ContentWarning[] }
  | { readonly kind: "ready"; readonly batches: number }
  | { readonly kind: "batch"; readonly interviews: readonly Interview[]; readonly normalizedLines: readonly string[] }
  | {
      readonly kind: "done";
      readonly version: string;
      readonly warnings: readonly ContentWarning[];
      readonly fileHashes: readonly (readonly [string, string])[];
      /** The index's typed arrays are transferred with this message, not copied. */
      readonly index: Omit<SearchIndexData, "normalizedLines">;
      readonly readMs: number;
      readonly indexMs: number;
    };

/** Main → worker: send the next batch (or "done"). */
export type ToWorker = "next";
