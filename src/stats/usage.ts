/**
 * What the usage statistics count, and how one answered interaction becomes counts: per UTC day and
 * server, never a user id or name. Pure: the recorder queues these counts, the store adds them up.
 */

/** What an answer showed, as the handler that made it says (attached to its response). */
export interface UsageNote {
  /** A question whose summary was shown. */
  readonly question?: { readonly interviewId: string; readonly number: number };
  /** A transcript line shown to the member (`quoted`) or posted to the channel (`posted`). */
  readonly line?: { readonly interviewId: string; readonly number: number; readonly action: "quoted" | "posted" };
  /** A search typed by a member: what they typed, and the line shown first (undefined: nothing found). */
  readonly search?: {
    readonly query: string;
    readonly found: { readonly interviewId: string; readonly number: number } | undefined;
  };
}

/** The tables and, after `day` and `guild_id`, their key columns and the counts that add up. */
export const USAGE_TABLES = {
  usage_commands: { keys: ["command", "kind"], counts: ["uses"] },
  usage_questions: { keys: ["interview_id", "question_number"], counts: ["views"] },
  usage_lines: { keys: ["interview_id", "line_number"], counts: ["quoted", "posted"] },
  usage_searches: { keys: ["query", "found", "interview_id", "line_number"], counts: ["searches"] },
} as const;

export type UsageTable = keyof typeof USAGE_TABLES;

/** One row's worth of counts: its key values in the order of `USAGE_TABLES`, and the amounts to add. */
export interface UsageCount {
  readonly table: UsageTable;
  readonly day: string;
  readonly guildId: string;
  readonly keys: readonly (string | number)[];
  readonly counts: readonly number[];
}

/** An answered interaction, as far as the statistics care. */
export interface UsageEvent {
  /** Undefined in direct messages, which are not counted (the statistics are per server). */
  readonly guildId: string | undefined;
  readonly command: string;
  /** command, button or autocomplete (typing is not counted). */
  readonly kind: string;
  /** What the answer showed, as its handler noted it. */
  readonly usage: UsageNote | undefined;
}

/** The longest query kept: Discord's own limit on the option. */
const QUERY_LENGTH = 100;

/** A query as it is counted: the same words typed differently (case, width, spaces) count as one. */
export function normalizeQuery(query: string): string {
  return [...query.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim()].slice(0, QUERY_LENGTH).join("");
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The counts one interaction adds: none in direct messages or for autocomplete. */
export function usageCounts({ guildId, command, kind, usage: note }: UsageEvent, at: Date): UsageCount[] {
  if (guildId === undefined || kind === "autocomplete") return [];
  const day = utcDay(at);
  const row = (table: UsageTable, keys: (string | number)[], counts: number[]): UsageCount => ({
    table,
    day,
    guildId,
    keys,
    counts,
  });
  const counts = [row("usage_commands", [command, kind], [1])];
  if (note?.question) counts.push(row("usage_questions", [note.question.interviewId, note.question.number], [1]));
  if (note?.line) {
    const { interviewId, number, action } = note.line;
    counts.push(row("usage_lines", [interviewId, number], action === "quoted" ? [1, 0] : [0, 1]));
  }
  if (note?.search) {
    const { query, found } = note.search;
    const normalized = normalizeQuery(query);
    if (normalized !== "") {
      const where = found === undefined ? [0, "", 0] : [1, found.interviewId, found.number];
      counts.push(row("usage_searches", [normalized, ...where], [1]));
    }
  }
  return counts;
}

/** How many events a count stands for (its counts added up): what is lost when it cannot be written. */
export function eventsIn(count: UsageCount): number {
  return count.counts.reduce((sum, n) => sum + n, 0);
}

/**
 * Counts waiting to be written, added up by row: a thousand searches of one word on one day are one row.
 * So a batch never holds one row twice (which PostgreSQL's upsert refuses).
 */
export class UsageBatch {
  static #keyOf(count: UsageCount): string {
    return JSON.stringify([count.table, count.day, count.guildId, count.keys]);
  }

  readonly #rows = new Map<string, UsageCount>();

  get size(): number {
    return this.#rows.size;
  }

  add(count: UsageCount): void {
    const key = UsageBatch.#keyOf(count);
    const pending = this.#rows.get(key);
    this.#rows.set(
      key,
      pending === undefined ? count : { ...pending, counts: pending.counts.map((n, i) => n + (count.counts[i] ?? 0)) },
    );
  }

  /** Whether a count for this row is already waiting (adding to it does not grow the batch). */
  has(count: UsageCount): boolean {
    return this.#rows.has(UsageBatch.#keyOf(count));
  }

  rows(): UsageCount[] {
    return [...this.#rows.values()];
  }

  events(): number {
    return this.rows().reduce((sum, count) => sum + eventsIn(count), 0);
  }
}
