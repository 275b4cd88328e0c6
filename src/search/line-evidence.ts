/**
 * Reading one candidate line against the query plan: whether it holds the phrase, which terms it holds as
 * written (whole Latin words or not), by homophone or by typo, and whether it matched by pinyin — the evidence
 * the ranking policy (./ranking.ts) turns into a score.
 */
import type { Candidate } from "./candidates.js";
import { hasLatinEdge, isLatinTerm, LineWords } from "./latin-words.js";
import type { QueryPlan } from "./query-plan.js";
import { EXACT_VALUE, HOMOPHONE_VALUE, typoValue, type LineEvidence } from "./ranking.js";
import type { TypoMatches } from "./typos.js";

type Ranges = readonly (readonly [number, number])[];

export interface LineMatch extends LineEvidence {
  /** The phrase, or every term, stands in the line as written. */
  readonly exact: boolean;
  /** Where the phrase stands, when it has a Latin edge (so only its occurrences at word boundaries count). */
  readonly phraseRanges: Ranges | undefined;
  /** Per term: where a Latin term matched whole words (as written, another form, or a typo); else undefined. */
  readonly wordRanges: readonly (Ranges | undefined)[];
}

/**
 * What `text` (the candidate's normalised line; `original` as written) holds of the plan; `typos[i]` are term i's
 * typo matches.
 */
export function evidenceOf(
  plan: QueryPlan,
  candidate: Candidate,
  text: string,
  original: string,
  typos: readonly TypoMatches[],
): LineMatch {
  const words = new LineWords(original, text);
  let phraseRanges: Ranges | undefined;
  const phrase = plan.phrases.find((candidatePhrase) => {
    if (!text.includes(candidatePhrase)) return false;
    if (!hasLatinEdge(candidatePhrase)) return true;
    phraseRanges = words.phraseOccurrences(candidatePhrase, plan.joins);
    return phraseRanges.length > 0;
  });
  const wordRanges: (Ranges | undefined)[] = [];
  let missingLatinWord = false;
  let wholeWord = false;
  let exactLength = phrase?.length ?? 0;
  let termValue = 0;
  let termWeight = 0;
  let allTerms = true;
  let allTermsExact = true;
  let index = 0;
  for (const { text: term, weight } of plan.terms) {
    let at = -1;
    let value = EXACT_VALUE;
    if (isLatinTerm(term)) {
      const match = words.match(term, index === plan.terms.length - 1 && plan.prefixable);
      wordRanges.push(match?.ranges);
      value = match?.value ?? 0;
      missingLatinWord ||= match === undefined;
      if (match?.exact === true) {
        at = match.ranges[0]?.[0] ?? -1;
        wholeWord = true;
        if (phrase === undefined) exactLength += term.length;
      }
    } else if ((at = text.indexOf(term)) !== -1) {
      wordRanges.push(undefined);
      // Not a Latin term (./latin-words.ts matches those): no Latin word boundary to cross, so found is whole.
      wholeWord = true;
      if (phrase === undefined) exactLength += term.length;
    } else if (candidate.homophoneRanges?.has(index) === true) {
      wordRanges.push(undefined);
      value = HOMOPHONE_VALUE;
    } else {
      wordRanges.push(undefined);
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
    // An English query must find each of its words (typos allowed); a mixed one may find some, as CJK queries do.
    missingLatinWord:
      missingLatinWord && phrase === undefined && plan.terms.every(({ text: term }) => isLatinTerm(term)),
    wholeWord,
    exactLength,
    lineLength: text.length,
    exact: phrase !== undefined || allTermsExact,
    phraseRanges,
    wordRanges,
  };
}
