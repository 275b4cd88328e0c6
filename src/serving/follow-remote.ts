/**
 * Every process that serves content from a remote repository (CONTENT_GIT_URL) polls it, so that all
 * replicas and shards converge on the remote's commit; a commit that does not load is refused everywhere
 * and the last good one keeps serving (publisher.ts does the work, one change at a time).
 */
import type { Logger } from "../log.js";
import type { ContentPublisher } from "./publisher.js";

/** Starts polling every `intervalSeconds`; returns the function that stops it. */
export function followRemote(publisher: ContentPublisher, log: Logger, intervalSeconds: number): () => void {
  let busy = false;
  const tick = async (): Promise<void> => {
    const outcome = await publisher.poll();
    switch (outcome.status) {
      case "updated":
        log.info({ trigger: "git", outcome: "reloaded", commit: outcome.commit }, "content updated from the remote");
        break;
      case "refused": {
        const errors = outcome.reports.flatMap(({ report }) => (report.status === "rejected" ? report.errors : []));
        log.warn(
          { trigger: "git", outcome: "rejected", commit: outcome.commit, errors: errors.slice(0, 20) },
          "the remote's commit has errors; still serving the last good commit",
        );
        break;
      }
      case "diverged":
        log.warn(
          { trigger: "git", commit: outcome.commit },
          "the content folder and the remote have diverged; not following the remote until they are reconciled",
        );
        break;
      case "current":
        break;
    }
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    tick()
      .catch((error: unknown) => log.warn({ err: error }, "could not poll the content repository"))
      .finally(() => {
        busy = false;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
