/**
 * The worker thread of a reload (started by off-thread.ts, spoken to as reload-protocol.ts says): reads,
 * parses and validates the content folder and prepares its search index, then hands the result to the
 * main thread a batch at a time, when asked.
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepareSearchIndex, searchIndexBuffers } from "../search/index.js";
import { loadContentDir } from "../content/load.js";
import type { Interview } from "../content/model.js";
import type { FromWorker, WorkerInput } from "./reload-protocol.js";

const port = parentPort;
if (port === null) throw new Error("snapshot-worker runs as a worker thread (see off-thread.ts)");
const { dir, batchLines } = workerData as WorkerInput;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/** Whole interviews, about `lines` transcript lines per batch. */
function batchesOf(interviews: readonly Interview[], lines: number): Interview[][] {
  const batches: Interview[][] = [];
  let batch: Interview[] = [];
  let count = 0;
  for (const interview of interviews) {
    batch.push(interview);
    count += interview.lines.length + 1;
    if (count >= lines) {
      batches.push(batch);
      batch = [];
      count = 0;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

const started = performance.now();
const { library, errors, warnings } = await loadContentDir(dir);
if (errors.length > 0) {
  post({ kind: "errors", errors, warnings });
} else {
  const read = performance.now();
  const data = prepareSearchIndex(library.interviews);
  const readMs = Math.round(read - started);
  const indexMs = Math.round(performance.now() - read);
  const { normalizedLines, ...index } = data;
  const batches = batchesOf(library.interviews, batchLines);
  let sent = 0;
  let line = 0;
  port.on("message", () => {
    const batch = batches[sent++];
    if (batch === undefined) {
      // The main thread terminates this worker once it has the index.
      post(
        {
          kind: "done",
          version: library.version,
          warnings,
          fileHashes: [...library.fileHashes],
          index,
          readMs,
          indexMs,
        },
        searchIndexBuffers(data),
      );
      return;
    }
    const lines = batch.reduce((sum, interview) => sum + interview.lines.length, 0);
    post({ kind: "batch", interviews: batch, normalizedLines: normalizedLines.slice(line, line + lines) });
    line += lines;
  });
  post({ kind: "ready", batches: batches.length });
}
