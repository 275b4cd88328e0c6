/**
 * The ranking policy, as a pure function of what a line holds of the query (its `LineEvidence`): a tier, then
 * coverage within the tier, then tie-breaks. Tiers, best first: the exact phrase; a pinyin reading of the query;
 * a pinyin reading whose last syllable was completed from a prefix; every term (typos and homophones counted);
 * some terms. Each tier outranks everything below it, whatever the coverage and tie-breaks.
 */

export type Tier = "phrase" | "pinyin" | "pinyinPrefix" | "allTerms" | "someTerms";

/** Best first. */
export const TIERS: readonly Tier[] = ["phrase", "pinyin", "pinyinPrefix", "allTerms", "someTerms"];

/** What a tier adds to a line's score; the gaps exceed coverage (at most 1) plus every tie-break (under 0.1). */
const TIER_SCORES: Readonly<Record<Tier, number>> = {
  phrase: 6,
  pinyin: 5.5,
  pinyinPrefix: 5,
  allTerms: 2,
  someTerms: 0,
};

/** How much a term found as written counts. */
export const EXACT_VALUE = 1;
/** A term matched by a homophone (阴谋轮 → 阴谋论) counts nearly as much as an exact one, more than a typo. */
export const HOMOPHONE_VALUE = 0.9;
/** A typo-tolerant match counts at most this much of an exact one. */
const TYPO_WEIGHT = 0.8;
/** A line matching a pinyin reading covers at least this much of the query. */
const PINYIN_COVERAGE = 0.9;
// Tie-breaks, together under 0.1.
const WHOLE_WORD_BONUS = 0.05;
const DENSITY_WEIGHT = 0.04;

/** What a term matched by a typo counts, from its Fuse.js score (0 perfect, 1 no match). */
export function typoValue(fuseScore: number): number {
  return TYPO_WEIGHT * (1 - fuseScore);
}

/** What a candidate line holds of the query. */
export interface LineEvidence {
  /** The query's phrase stands in the line as written. */
  readonly phrase: boolean;
  /** The line holds a pinyin reading of the query: a full one, or one completed from a prefix. */
  readonly pinyin: "none" | "full" | "prefix";
  /** Σ weight × value over the terms: value 1 for a term as written, less for a homophone or typo, 0 if absent. */
  readonly termValue: number;
  /** Σ weight over the terms. */
  readonly termWeight: number;
  /** Every term is there, as written or by homophone or typo. */
  readonly allTerms: boolean;
  /** A Latin word of the query is nowhere in the line, not even as another form or a typo (and no phrase). */
  readonly missingLatinWord?: boolean;
  /** Some term stands as a whole Latin word (or number), not inside a longer one. */
  readonly wholeWord: boolean;
  /** UTF-16 units of the line the query covers as written: the phrase, else the terms found. */
  readonly exactLength: number;
  readonly lineLength: number;
}

export function tierOf(evidence: LineEvidence): Tier {
  if (evidence.phrase) return "phrase";
  if (evidence.pinyin === "full") return "pinyin";
  if (evidence.pinyin === "prefix") return "pinyinPrefix";
  return evidence.allTerms ? "allTerms" : "someTerms";
}

/** Share of the query's terms the line holds: 1 with the phrase (it holds every term, maybe unconverted). */
export function coverageOf(evidence: LineEvidence): number {
  const terms = evidence.phrase ? 1 : evidence.termValue / evidence.termWeight;
  return evidence.pinyin === "none" ? terms : Math.max(terms, PINYIN_COVERAGE);
}

/** The line's score, higher is better; `undefined` when it holds nothing of the query. */
export function scoreOf(evidence: LineEvidence): number | undefined {
  const tier = tierOf(evidence);
  const coverage = coverageOf(evidence);
  // Some terms only: a line lacking a Latin word of the query does not match it (whole words are checked typo-tolerantly).
  if (tier === "someTerms" && (coverage === 0 || evidence.missingLatinWord === true)) return undefined;
  // Tie-breaks: a whole-word Latin match, then how much of the line the query covers.
  const density =
    (DENSITY_WEIGHT * Math.min(evidence.lineLength, evidence.exactLength)) / Math.max(1, evidence.lineLength);
  return TIER_SCORES[tier] + coverage + (evidence.wholeWord ? WHOLE_WORD_BONUS : 0) + density;
}

/** Sort order of scored lines: best score first, then the earlier line. */
export function byRank(
  a: { readonly score: number; readonly line: number },
  b: { readonly score: number; readonly line: number },
): number {
  return b.score - a.score || a.line - b.line;
}
