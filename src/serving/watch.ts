/**
 * WATCH_CONTENT (and every HTTP-mode replica): notices changes to the content folder and runs the same
 * all-or-nothing reload as /reload. It polls a cheap fingerprint (names, sizes, change times)
 * rather than relying on fs.watch, which misses changes on network and container file systems and dies
 * with its folder.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../log.js";
import { listInterviewFiles } from "../content/load.js";
import type { ContentStore } from "./store.js";

/**
 * Names, sizes, modification and status-change times of the interview files (the last so that a file
 * made unreadable is noticed and reported); "missing" when the folder is gone.
 */
export async function folderFingerprint(dir: string): Promise<string> {
  try {
    const files = await listInterviewFiles(dir);
    const hash = createHash("sha256");
    for (const file of files) {
      const info = await stat(path.join(dir, file)).catch(() => undefined);
      hash.update(`${file}\0${info?.size ?? -1}\0${info?.mtimeMs ?? -1}\0${info?.ctimeMs ?? -1}\n`);
    }
    return hash.digest("hex");
  } catch {
    return "missing";
  }
}

export interface WatchOptions {
  /** How often to look, in ms. A change is reloaded once it has held still for one interval. */
  readonly intervalMs?: number;
}

/**
 * Starts watching; returns the function that stops it. A folder state the store has already read (at
 * start-up, or by a /reload on this process) is not read again; a new one is, once it holds still.
 */
export function watchContent(store: ContentStore, log: Logger, options: WatchOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? 1000;
  let pending: string | undefined;
  let busy = false;
  let stopped = false;

  const tick = async (): Promise<void> => {
    const now = await folderFingerprint(store.dir);
    if (now === store.readFingerprint) pending = undefined;
    // Debounce: an editor saving in several writes, or a copy in progress, settles before we read it.
    else if (now !== pending) pending = now;
    else {
      pending = undefined;
      const outcome = await store.reload();
      if (outcome.ok) {
        const { added, removed, changed } = outcome.diff;
        log.info({ trigger: "watch", outcome: "reloaded", version: outcome.version, added: added.length, removed: removed.length, changed: changed.length }, "content reloaded");
      } else {
        log.warn({ trigger: "watch", outcome: "rejected", errors: outcome.errors.slice(0, 20) }, "content changed on disk but has errors; still serving the last good content");
      }
    }
  };

  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    tick()
      .catch((error: unknown) => log.error({ err: error }, "content watch failed"))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
