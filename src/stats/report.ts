/** What /stats and `npm run cli -- stats` show: one server's (or every server's) counts over recent days. */

export interface UsageReport {
  /** How many days back, today (UTC) included. */
  readonly days: number;
  /** The first day counted, `YYYY-MM-DD`. */
  readonly since: string;
  readonly commands: readonly { readonly command: string; readonly uses: number }[];
  /** Over every question and line, not only the top ones listed. */
  readonly totals: { readonly questionViews: number; readonly quoted: number; readonly posted: number };
  /** Most viewed first. */
  readonly questions: readonly { readonly interviewId: string; readonly number: number; readonly views: number }[];
  /** Most quoted and posted first. */
  readonly lines: readonly {
    readonly interviewId: string;
    readonly number: number;
    readonly quoted: number;
    readonly posted: number;
  }[];
  /** The searches that found nothing (the content gaps), most frequent first. */
  readonly unfound: readonly { readonly query: string; readonly searches: number }[];
  /** Every day with a search, oldest first. */
  readonly searchesPerDay: readonly { readonly day: string; readonly searches: number; readonly unfound: number }[];
}

/** Where /stats reads from: the recorder, which writes what it holds first so the reply is up to date. */
export interface UsageReader {
  /** `guildId` undefined: every server. Rejects when the database cannot be reached. */
  report(guildId: string | undefined, days: number): Promise<UsageReport>;
}
