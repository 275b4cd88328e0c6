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
import { parseQuery, planQuery, termTexts, type QueryPlan } from "./query-plan.js";
import { findQuestionsIn } from "./questions.js";
import { byRank, scoreOf } from "./ranking.js";
import { typoMatches, type TypoMatches } from "./typos.js";
import type { QuestionMatch, SearchHit, SearchIndex, SearchOptions, SearchOutcome } from "./types.js";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const SUGGESTIONS = 5;

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
    const parsed = parseQuery(query);
    if (!parsed.ok) return parsed;
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
    const scope = this.scopeOf(options);
    const plan = planQuery(parsed.words, this.lines.lexicon, parsed.typedPhrase);
    let hits: SearchHit[] = [];
    if (scope !== undefined) {
      // A speaker named in the query (`sam 短信`) narrows to that speaker, unless the query stands as written in
      // some line (`好的，Sam`); if narrowing finds nothing, the name is just a word.
      let named = options.speaker === undefined ? this.lines.speakers.namedIn(termTexts(plan)) : undefined;
      if (named !== undefined && exactLines(this.lines, [plan.phrase], scope, 1).length > 0) named = undefined;
      if (named !== undefined)
        hits = this.rank(planQuery(named.rest, this.lines.lexicon), this.withSpeakers(scope, named.speakers), limit);
      if (hits.length === 0) hits = this.rank(plan, scope, limit);
    }
    const suggestions = hits.length === 0 ? this.lines.suggester.suggest(plan.phrase, SUGGESTIONS) : [];
    return { ok: true, hits, suggestions };
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

  private rank(plan: QueryPlan, scope: LineScope, limit: number): SearchHit[] {
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
    return ranked.slice(0, limit).map((entry) => this.hitOf(plan, entry, typos));
  }

  private hitOf(plan: QueryPlan, { line, candidate, match, score }: Ranked, typos: readonly TypoMatches[]): SearchHit {
    const transcriptLine = this.lines.lineAt(line);
    return {
      interviewId: this.lines.interviewIdOf(line),
      line: transcriptLine,
      ranges: highlightRanges(plan, candidate, match, transcriptLine, this.lines.textOf(line), typos),
      score,
      exact: match.exact,
    };
  }
}
