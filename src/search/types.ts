/** The search contract the commands rely on. Implementation: ./search-index.ts (buildSearchIndex), exported by ./index.ts. */
import type { Interview, Question, TranscriptLine } from "../content/model.js";

/** A half-open range [start, end) of UTF-16 offsets into the original `line.text`. */
export type MatchRange = readonly [start: number, end: number];

export interface SearchHit {
  readonly interviewId: string;
  readonly line: TranscriptLine;
  /** Where the query matched in `line.text` (original text, not the normalised copy), sorted, non-overlapping. */
  readonly ranges: readonly MatchRange[];
  /** Higher is better; only comparable within one result list. */
  readonly score: number;
  /** True when the normalised query (or every word of it) stands in the line as written. */
  readonly exact: boolean;
  /** Set on a line shown as the answer to a matching question (the line numbered this): it may match nothing. */
  readonly answerTo?: number;
}

export type SearchErrorKind = "empty" | "too-long" | "no-terms";

export type SearchOutcome =
  | {
      readonly ok: true;
      readonly hits: readonly SearchHit[];
      /** when hits is empty: closest terms or question titles */ readonly suggestions: readonly string[];
    }
  | { readonly ok: false; readonly error: SearchErrorKind };

export interface SearchOptions {
  /** Only lines of this interview. */
  readonly interviewId?: string | undefined;
  /** Only lines of this speaker (matched like a query: case, width, script). */
  readonly speaker?: string | undefined;
  /** At most this many hits: default 25, at least 1 and at most 100 (0 gives one; NaN the default). */
  readonly limit?: number | undefined;
}

export interface QuestionMatch {
  readonly question: Question;
  readonly score: number;
}

export interface SearchIndex {
  /** Transcript lines matching the query, best first. Never throws. */
  search(query: string, options?: SearchOptions): SearchOutcome;
  /** Questions of one interview whose number or title matches (fuzzy, normalised), best first. Empty query: all, in order. */
  findQuestions(interview: Interview, query: string, limit?: number): readonly QuestionMatch[];
  /** Speakers whose names match the query (normalised), for autocomplete. Empty query: all. */
  findSpeakers(query: string, limit?: number): readonly string[];
}

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 100;
