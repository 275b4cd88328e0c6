/**
 * A cheap fingerprint of a content folder's state, taken without reading any file: it changes when an
 * interview file is added, removed, edited or has its permissions changed.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { listInterviewFiles } from "./load.js";

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
