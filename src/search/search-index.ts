/**
 * The quote search, put together: a query is parsed and planned (./query-plan.ts), narrowed to the lines the
 * options allow (an interview, a speaker, a speaker named in the query), candidates are gathered
 * (./candidates.ts) and matched for typos (./typos.ts), each is read for evidence (./line-evidence.ts) and scored
 * by the ranking policy (./ranking.ts), and the best are highlighted (./highlight.ts). With no hit, it suggests
 * close terms.
 */
import type { Interview } from "../content/model.js";
import { gatherCandidates, exactLines, type Candidate } from "./candidates.js";
import type { LineScope } from "./gram-index.js";
import { highlightRanges } from "./highlight.js";
import { IndexedLines, prepareSearchIndex, type SearchIndexData } from "./index-data.js";
import { evidenceOf, type LineMatch } from "./line-evidence.js";
import { parseQuery, planQuery, termTexts, type ParsedQuery, type QueryPlan } from "./query-plan.js";
import { findQuestionsIn } from "./questions.js";
import { byRank, HOMOPHONE_VALUE, scoreOf } from "./ranking.js";
import { contentWords } from "../lexicon/index.js";
import { editDistance, isLatinTerm, LineWords } from "./latin-words.js";
import { normalize, toOriginalRanges } from "./normalize.js";
import { typoMatches, type TypoMatches } from "./typos.js";
import { answerTo, understoodHits } from "./understood.js";
import type { MatchRange, QuestionMatch, SearchHit, SearchIndex, SearchOptions, SearchOutcome } from "./types.js";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/** The number of hits asked for, as a whole number from 1 to MAX_LIMIT (0 gives one); the default for none or NaN. */
function hitLimit(asked: number | undefined): number {
  if (asked === undefined || Number.isNaN(asked)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(asked)));
}
const SUGGESTIONS = 5;
/** Lines counted per word when ranking the words a question holds, rarer first: enough to tell rare from common. */
const SUGGESTED_WORD_LINES = 200;

/** Whether a suggestion is close enough to offer: for a Latin word, a word at most a typo or two away. */
function isCloseSuggestion(typed: string, suggested: string): boolean {
  if (!isLatinTerm(typed)) return true;
  const allowed = typed.length <= 4 ? 1 : 2;
  return isLatinTerm(suggested) && editDistance(typed, suggested, allowed) <= allowed;
}

/** The query as typed stands in the line: the phrase, every term, a pinyin reading, or every term by sound. */
function isStrong(match: LineMatch): boolean {
  return (
    match.exact || match.pinyin !== "none" || (match.allTerms && match.termValue >= HOMOPHONE_VALUE * match.termWeight)
  );
}

/** The lines ranked for one plan, best first, with what highlighting them needs. */
interface RankedLines {
  readonly plan: QueryPlan;
  /** The lines it was ranked within (a speaker named in the query narrows them). */
  readonly scope: LineScope;
  readonly typos: readonly TypoMatches[];
  readonly lines: readonly Ranked[];
}

interface Ranked {
  readonly line: number;
  readonly candidate: Candidate;
  readonly match: LineMatch;
  readonly score: number;
}

export function buildSearchIndex(interviews: readonly Interview[]): SearchIndex {
  return searchIndexFromData(interviews, prepareSearchIndex(interviews));
}

/** The index for `interviews` from data `prepareSearchIndex` made of the same interviews. Cheap: no line is read. */
export function searchIndexFromData(interviews: readonly Interview[], data: SearchIndexData): SearchIndex {
  return new QuoteSearch(IndexedLines.fromData(interviews, data));
}

class QuoteSearch implements SearchIndex {
  constructor(private readonly lines: IndexedLines) {}

  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const planned = this.planFor(query);
    if (!planned.ok) return planned;
    const hits = this.hitsFor(query, planned.plan, options);
    const suggestions = hits.length === 0 ? this.suggestionsFor(query, planned.plan.phrase, options) : [];
    return { ok: true, hits, suggestions };
  }

  /** The query's plan, or why it cannot be searched (empty, too long, no words). */
  private planFor(
    query: string,
  ): { readonly ok: true; readonly plan: QueryPlan } | Extract<ParsedQuery, { ok: false }> {
    const parsed = parseQuery(query);
    if (!parsed.ok) return parsed;
    return { ok: true, plan: planQuery(parsed.words, this.lines.lexicon, parsed.typedPhrase) };
  }

  private hitsFor(query: string, plan: QueryPlan, options: SearchOptions): SearchHit[] {
    const limit = hitLimit(options.limit);
    const scope = this.scopeOf(options);
    if (scope === undefined) return [];
    // A speaker named in the query (`sam 短信`) narrows to that speaker, unless the query stands as written in
    // some line (`好的，Sam`); if narrowing finds nothing, the name is just a word.
    let named = options.speaker === undefined ? this.lines.speakers.namedIn(termTexts(plan)) : undefined;
    if (named !== undefined && exactLines(this.lines, [plan.phrase], scope, 1).length > 0) named = undefined;
    let ranked: RankedLines | undefined;
    if (named !== undefined) {
      const namedPlan = planQuery(named.rest, this.lines.lexicon);
      ranked = this.rank(namedPlan, this.withSpeakers(scope, named.speakers), limit);
    }
    if (ranked === undefined || ranked.lines.length === 0) ranked = this.rank(plan, scope, limit);
    return this.bestReading(query, ranked, scope, limit);
  }

  /** Whether searching `query` with the same options finds a line: a suggestion must lead somewhere. */
  private finds(query: string, options: SearchOptions): boolean {
    const planned = this.planFor(query);
    return planned.ok && this.hitsFor(query, planned.plan, { ...options, limit: 1 }).length > 0;
  }

  /**
   * The words as typed, when they stand in a line (the phrase, every term as written, a pinyin reading); else the
   * query as a member means it (./understood.ts); else only lines holding every term, typos allowed — never a line
   * holding some of the words only.
   */
  private bestReading(query: string, ranked: RankedLines, scope: LineScope, limit: number): SearchHit[] {
    const top = ranked.lines[0];
    if (top !== undefined && isStrong(top.match)) return this.withAnswers(ranked, limit);
    const understood = understoodHits(this.lines, query, scope, limit);
    if (understood.length > 0) {
      return understood.map(({ line, score, ranges, answerTo }) =>
        this.hitAt(line, toOriginalRanges(this.lines.lineAt(line).text, this.lines.textOf(line), ranges), score, {
          answerTo,
        }),
      );
    }
    return this.hitsOf({ ...ranked, lines: ranked.lines.filter((entry) => entry.match.allTerms) });
  }

  /**
   * "Did you mean": for each word of the query that no line holds, the closest words of the content (GPT-5 →
   * GPT-4), then what is close to the whole query (a keyword, a question's title). A Latin word is only offered
   * a word a typo away, never one that merely shares letters (piano is not "keeping"). Each must find a line where
   * the member searched (the interview and speaker asked): pressed, a suggestion never answers "no match" again.
   */
  private suggestionsFor(query: string, phrase: string, options: SearchOptions): string[] {
    const everywhere: LineScope = { from: 0, to: this.lines.count };
    const suggestions = new Set<string>();
    for (const word of contentWords(query).map(normalize)) {
      if (word === "" || exactLines(this.lines, [word], everywhere, 1).length > 0) continue;
      for (const label of this.lines.suggester.suggest(word, SUGGESTIONS)) {
        if (isCloseSuggestion(word, normalize(label))) suggestions.add(label);
      }
    }
    for (const label of this.lines.suggester.suggest(phrase, SUGGESTIONS)) {
      if (isCloseSuggestion(phrase, normalize(label))) suggestions.add(label);
    }
    const leading = (labels: Iterable<string>): string[] => {
      const found: string[] = [];
      for (const label of labels) {
        if (found.length === SUGGESTIONS) break;
        if (this.finds(label, options)) found.push(label);
      }
      return found;
    };
    const close = leading(suggestions);
    return close.length > 0 ? close : leading(this.wordsHeld(query));
  }

  /**
   * A question no line answers whole may still have words the content holds (布罗克曼也被踢出董事会了吗: 董事会): those,
   * rarest first, are what the member can narrow to. None for a single word: it is absent, or it would have matched.
   */
  private wordsHeld(query: string): string[] {
    const words = [...new Set(contentWords(query))];
    if (words.length < 2) return [];
    return (
      words
        // A single Chinese character stands inside other words (出 in 出现): not something to narrow to.
        .filter((word) => isLatinTerm(normalize(word)) || [...word].length >= 2)
        .map((word) => ({ word, lines: this.linesHoldingWord(normalize(word)) }))
        .filter(({ lines }) => lines > 0)
        .sort((a, b) => a.lines - b.lines)
        .map(({ word }) => word)
    );
  }

  /** How many lines (up to SUGGESTED_WORD_LINES) hold `word` (normalised) as a word: a Latin one whole, not inside another. */
  private linesHoldingWord(word: string): number {
    const everywhere: LineScope = { from: 0, to: this.lines.count };
    const lines = exactLines(this.lines, [word], everywhere, SUGGESTED_WORD_LINES);
    if (!isLatinTerm(word)) return lines.length;
    return lines.filter(
      (line) => new LineWords(this.lines.lineAt(line).text, this.lines.textOf(line)).match(word)?.exact === true,
    ).length;
  }

  findQuestions(interview: Interview, query: string, limit = DEFAULT_LIMIT): readonly QuestionMatch[] {
    return findQuestionsIn(interview, query, limit);
  }

  findSpeakers(query: string, limit = DEFAULT_LIMIT): readonly string[] {
    return this.lines.speakers.find(query, limit);
  }

  /** The lines the options allow, or `undefined` when they name an unknown interview or speaker. */
  private scopeOf(options: SearchOptions): LineScope | undefined {
    let scope: LineScope | undefined = { from: 0, to: this.lines.count };
    if (options.interviewId !== undefined) {
      scope = this.lines.interviewScope(options.interviewId);
      if (scope === undefined) return undefined;
    }
    if (options.speaker !== undefined) {
      const speakers = this.lines.speakers.resolve(options.speaker);
      if (speakers.length === 0) return undefined;
      scope = this.withSpeakers(scope, speakers);
    }
    return scope;
  }

  private withSpeakers(scope: LineScope, speakers: readonly number[]): LineScope {
    const allowed = new Uint8Array(this.lines.speakers.count);
    for (const id of speakers) allowed[id] = 1;
    const outer = scope.accepts;
    return {
      ...scope,
      accepts: (line) => allowed[this.lines.speakerOf(line)] === 1 && (outer === undefined || outer(line)),
    };
  }

  private rank(plan: QueryPlan, scope: LineScope, limit: number): RankedLines {
    const { candidates, rareTerms } = gatherCandidates(this.lines, plan, scope, limit);
    const typos = typoMatches(this.lines, plan, candidates, rareTerms);
    const ranked: Ranked[] = [];
    for (const candidate of candidates.values()) {
      const { line } = candidate;
      const match = evidenceOf(plan, candidate, this.lines.textOf(line), this.lines.lineAt(line).text, typos);
      const score = scoreOf(match);
      if (score !== undefined) ranked.push({ line, candidate, match, score });
    }
    ranked.sort(byRank);
    return { plan, scope, typos, lines: ranked.slice(0, limit) };
  }

  /**
   * The ranked lines' hits, then the answers that matching host questions got (the next line, another speaker's):
   * the member also sees what was said about it, not only that it was asked. Already shown lines are not
   * repeated; the page keeps its limit.
   */
  private withAnswers(ranked: RankedLines, limit: number): SearchHit[] {
    const hits = this.hitsOf(ranked);
    const shown = new Set(ranked.lines.map((entry) => entry.line));
    const lowest = ranked.lines[ranked.lines.length - 1]?.score ?? 0;
    for (const { line } of ranked.lines) {
      const answer = answerTo(this.lines, line, ranked.scope);
      if (answer === undefined || shown.has(answer)) continue;
      shown.add(answer);
      hits.push(this.hitAt(answer, [], lowest, { answerTo: line }));
    }
    return hits.slice(0, limit);
  }

  private hitsOf({ plan, typos, lines }: RankedLines): SearchHit[] {
    return lines.map(({ line, candidate, match, score }) => {
      const transcriptLine = this.lines.lineAt(line);
      const ranges = highlightRanges(plan, candidate, match, transcriptLine, this.lines.textOf(line), typos);
      return this.hitAt(line, ranges, score, { exact: match.exact });
    });
  }

  /** The hit for line index `line`; `answerTo` is the index of the question it answers, if shown for that. */
  private hitAt(
    line: number,
    ranges: readonly MatchRange[],
    score: number,
    { exact = false, answerTo }: { exact?: boolean; answerTo?: number | undefined },
  ): SearchHit {
    return {
      interviewId: this.lines.interviewIdOf(line),
      line: this.lines.lineAt(line),
      ranges,
      score,
      exact,
      ...(answerTo === undefined ? {} : { answerTo: this.lines.lineAt(answerTo).number }),
    };
  }
}
