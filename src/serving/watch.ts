/**
 * Reloads the content when its folder changes on disk (WATCH_CONTENT, and every HTTP-mode replica), by
 * the same all-or-nothing reload as /reload. It polls the folder's fingerprint (content/fingerprint.ts)
 * rather than relying on fs.watch, which misses changes on network and container file systems and dies
 * with its folder.
 */
import { folderFingerprint } from "../content/fingerprint.js";
import type { Logger } from "../log.js";
import type { ContentStore } from "./store.js";

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
        log.info(
          {
            trigger: "watch",
            outcome: "reloaded",
            version: outcome.version,
            added: added.length,
            removed: removed.length,
            changed: changed.length,
            warnings: outcome.warnings.slice(0, 20),
          },
          "content reloaded",
        );
      } else {
        log.warn(
          { trigger: "watch", outcome: "rejected", errors: outcome.errors.slice(0, 20) },
          "content changed on disk but has errors; still serving the last good content",
        );
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
