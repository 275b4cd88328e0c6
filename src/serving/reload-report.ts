/** Turns a store's reload outcome into the plain report /reload shows (see content/reload-report.ts). */
import type { InterviewSummary, PlacedReport, ReloadReport } from "../content/reload-report.js";
import type { ContentStore, ReloadOutcome } from "./store.js";

/** Reloads the content in every process that serves it and reports from each (main decides where). */
export type ReloadEverywhere = () => Promise<readonly PlacedReport[]>;

export function reportOf(outcome: ReloadOutcome): ReloadReport {
  if (!outcome.ok) return { status: "rejected", errors: outcome.errors, warnings: outcome.warnings };
  const summary = ({
    id,
    title,
    questions,
    lines,
  }: {
    id: string;
    title: string;
    questions: readonly unknown[];
    lines: readonly unknown[];
  }): InterviewSummary => ({
    id,
    title,
    questions: questions.length,
    lines: lines.length,
  });
  const { diff, stats, version, warnings } = outcome;
  return {
    status: "reloaded",
    version,
    added: diff.added.map(summary),
    removed: diff.removed.map(summary),
    changed: diff.changed,
    stats,
    warnings,
  };
}

/** The single-process case: reload this store. */
export function reloadHere(store: ContentStore): ReloadEverywhere {
  return async () => [{ report: reportOf(await store.reload()) }];
}
