/**
 * Prometheus metrics (prom-client), in a registry of Verbatim's own. Recording is cheap and always on;
 * the numbers are exposed only when the operations server runs (`HTTP_PORT`, or HTTP mode).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { libraryStats } from "../content/library.js";
import type { ContentLibrary } from "../content/model.js";
import type { AnsweredInteraction } from "../interactions/app.js";
import type { ContentStoreOptions } from "../serving/store.js";
import type { LossReason } from "../stats/recorder.js";

export const registry = new Registry();

const interactions = new Counter({
  name: "verbatim_interactions_total",
  help: "Interactions answered, by command, kind (command, autocomplete, button) and outcome (ok, rejected, error).",
  labelNames: ["command", "kind", "outcome"] as const,
  registers: [registry],
});

const interactionSeconds = new Histogram({
  name: "verbatim_interaction_duration_seconds",
  help: "From receiving an interaction to Discord accepting its answer (the deferred edit included).",
  labelNames: ["kind"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

const searchSeconds = new Histogram({
  name: "verbatim_search_duration_seconds",
  help: "Time spent in one transcript search.",
  buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
  registers: [registry],
});

const reloads = new Counter({
  name: "verbatim_reloads_total",
  help: "Content reloads, by outcome (reloaded, rejected).",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

const statsLost = new Counter({
  name: "verbatim_stats_lost_events_total",
  help: "Usage statistics never written, in events, by reason (database: a write failed; overflow: too many waiting).",
  labelNames: ["reason"] as const,
  registers: [registry],
});

const contentSize = new Gauge({
  name: "verbatim_content_items",
  help: "What is being served: interviews, questions and transcript lines.",
  labelNames: ["kind"] as const,
  registers: [registry],
});

/** Called whenever a library starts being served. */
function recordContent(library: ContentLibrary): void {
  const stats = libraryStats(library);
  contentSize.set({ kind: "interviews" }, stats.interviews);
  contentSize.set({ kind: "questions" }, stats.questions);
  contentSize.set({ kind: "lines" }, stats.lines);
}

/** What the content store reports, recorded here: content served, reloads by outcome, search time. */
export const contentStoreMetrics = {
  onServe: recordContent,
  onReload: (event) => reloads.inc({ outcome: event.outcome }),
  onSearch: () => searchSeconds.startTimer(),
} as const satisfies ContentStoreOptions;

/** Every answered interaction, counted and timed. */
export function recordInteraction({ command, kind, outcome, latencyMs }: AnsweredInteraction): void {
  interactions.inc({ command, kind, outcome });
  interactionSeconds.observe({ kind }, latencyMs / 1000);
}

/** Usage statistics that will never be written (the recorder's `onLost`). */
export function recordStatsLoss(events: number, reason: LossReason): void {
  statsLost.inc({ reason }, events);
}

let processMetricsOn = false;

/** CPU, memory, event-loop lag, GC: only in a process that serves /metrics. */
export function enableProcessMetrics(): void {
  if (processMetricsOn) return;
  processMetricsOn = true;
  collectDefaultMetrics({ register: registry, prefix: "verbatim_" });
}
