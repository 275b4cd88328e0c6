/**
 * What a reload did, as plain JSON. In sharded mode each shard is its own process and answers /reload
 * across a process boundary, so the report carries counts and ids, never the interviews themselves.
 */
import type { InterviewChange, LibraryStats } from "../content/library.js";
import type { ContentError } from "../content/model.js";
import type { ContentStore, ReloadOutcome } from "./store.js";

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
    }
  /** The folder has errors: nothing was swapped in. */
  | { readonly status: "rejected"; readonly errors: readonly ContentError[] }
  /** The reload could not run there (a shard that died or did not answer): it keeps its old content. */
  | { readonly status: "failed"; readonly reason: string };

/** One process's report; `shard` is set in sharded mode. */
export interface PlacedReport {
  readonly shard?: number;
  readonly report: ReloadReport;
}

/** Reloads the content in every process that serves it and reports from each (main decides where). */
export type ReloadEverywhere = () => Promise<readonly PlacedReport[]>;

export function reportOf(outcome: ReloadOutcome): ReloadReport {
  if (!outcome.ok) return { status: "rejected", errors: outcome.errors };
  const summary = ({ id, title, questions, lines }: { id: string; title: string; questions: readonly unknown[]; lines: readonly unknown[] }): InterviewSummary => ({
    id,
    title,
    questions: questions.length,
    lines: lines.length,
  });
  const { diff, stats, version } = outcome;
  return { status: "reloaded", version, added: diff.added.map(summary), removed: diff.removed.map(summary), changed: diff.changed, stats };
}

/** The single-process case: reload this store. */
export function reloadHere(store: ContentStore): ReloadEverywhere {
  return async () => [{ report: reportOf(await store.reload()) }];
}
