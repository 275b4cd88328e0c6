/**
 * What a reload did, as plain JSON. In sharded mode each shard is its own process and answers /reload
 * across a process boundary, so the report carries counts and ids, never the interviews themselves.
 */
import type { InterviewChange, LibraryStats } from "./library.js";
import type { ContentError, ContentWarning } from "./model.js";

export interface InterviewSummary {
  readonly id: string;
  readonly title: string;
  readonly questions: number;
  readonly lines: number;
}

export type ReloadReport =
  | {
      readonly status: "reloaded";
      readonly version: string;
      readonly added: readonly InterviewSummary[];
      readonly removed: readonly InterviewSummary[];
      readonly changed: readonly InterviewChange[];
      readonly stats: LibraryStats;
      /** Likely mistakes in the files now served (content/parse.ts): shown, never a reason to refuse. */
      readonly warnings: readonly ContentWarning[];
    }
  /** The folder has errors: nothing was swapped in. */
  | {
      readonly status: "rejected";
      readonly errors: readonly ContentError[];
      readonly warnings: readonly ContentWarning[];
    }
  /** The reload could not run there (a shard that died or did not answer): it keeps its old content. */
  | { readonly status: "failed"; readonly reason: string };

/** One process's report; `shard` is set in sharded mode. */
export interface PlacedReport {
  readonly shard?: number;
  readonly report: ReloadReport;
}
