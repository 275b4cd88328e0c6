/**
 * Reading one candidate line against the query plan: whether it holds the phrase, which terms it holds as
 * written (whole Latin words or not), by homophone or by typo, and whether it matched by pinyin — the evidence
 * the ranking policy (./ranking.ts) turns into a score.
 */
import type { Candidate } from "./candidates.js";
import type { QueryPlan } from "./query-plan.js";
import { EXACT_VALUE, HOMOPHONE_VALUE, typoValue, type LineEvidence } from "./ranking.js";
import type { TypoMatches } from "./typos.js";

export interface LineMatch extends LineEvidence {
  /** The phrase, or every term, stands in the line as written. */
  readonly exact: boolean;
}

/** What `text` (the candidate's normalised line) holds of the plan; `typos[i]` are term i's typo matches. */
export function evidenceOf(
  plan: QueryPlan,
  candidate: Candidate,
  text: string,
  typos: readonly TypoMatches[],
): LineMatch {
  const phrase = plan.phrases.find((candidatePhrase) => text.includes(candidatePhrase));
  let wholeWord = false;
  let exactLength = phrase?.length ?? 0;
  let termValue = 0;
  let termWeight = 0;
  let allTerms = true;
  let allTermsExact = true;
  let index = 0;
  for (const { text: term, weight } of plan.terms) {
    const at = text.indexOf(term);
    let value = EXACT_VALUE;
    if (at !== -1) {
      if (isWordBoundary(text, at) && isWordBoundary(text, at + term.length)) wholeWord = true;
      if (phrase === undefined) exactLength += term.length;
    } else if (candidate.homophoneRanges?.has(index) === true) {
      value = HOMOPHONE_VALUE;
    } else {
      const match = typos[index]?.get(candidate.line);
      value = match === undefined ? 0 : typoValue(match.score);
    }
    termValue += weight * value;
    termWeight += weight;
    allTerms &&= value > 0;
    allTermsExact &&= at !== -1;
    index++;
  }
  return {
    phrase: phrase !== undefined,
    pinyin: candidate.pinyinRanges === undefined ? "none" : plan.pinyin?.completed === true ? "prefix" : "full",
    termValue,
    termWeight,
    allTerms,
    wholeWord,
    exactLength,
    lineLength: text.length,
    exact: phrase !== undefined || allTermsExact,
  };
}

const LATIN_OR_DIGIT = /[a-z0-9]/;

/** True when offset `at` of the normalised text is not inside a Latin word or number. */
function isWordBoundary(text: string, at: number): boolean {
  return (
    at === 0 || at === text.length || !LATIN_OR_DIGIT.test(text.charAt(at - 1)) || !LATIN_OR_DIGIT.test(text.charAt(at))
  );
}
