/**
 * The second reading of a query, for when its words as typed find nothing good: lines are scored by the concepts
 * they hold (./concepts.ts), each worth its rarity, so a line holding 董事会 and 解雇 answers "Sam被董事会辞退的原因"
 * and "dismissed". A line must hold enough of the query's weight and half of its concepts. A question asked in
 * a sentence (not keywords) wants an answer: a matching question in the transcript has the answer that follows it
 * (another speaker's line) put just above it.
 */
import { estimatedLines, exactLines } from "./candidates.js";
import { conceptsOf, type Alternative, type Concept, type ConceptPlan } from "./concepts.js";
import type { LineScope } from "./gram-index.js";
import type { IndexedLines } from "./index-data.js";
import { isLatinTerm, LineWords } from "./latin-words.js";
import { MAX_OCCURRENCES, occurrences } from "./ranges.js";
import { nameSounds, namesIn } from "./names.js";
import { normalize, toOriginalRanges } from "./normalize.js";
import { countBefore, isDictionaryWord, partOfLargerNumber } from "../lexicon/index.js";
import { BoundedMemo } from "../memo.js";

/** Lines holding a concept's form are counted up to this many, then estimated from the index. */
const EXACT_COUNT = 64;
/** Lines read per alternative of a concept. */
const LINES_PER_ALTERNATIVE = 300;
/** A line must hold this share of the query's weight (measured on the labelled set: 0.35 to 0.5 differ little). */
const MIN_COVERAGE = 0.35;
/** What a concept its question holds is worth in an answer (measured on the labelled set: 0.7 and more lose ground). */
const QUESTION_CONTEXT_VALUE = 0.5;
/** How far above its question an answer is put. */
const ANSWER_LEAD = 1e-6;
/** Characters read on each side of a spelled number to tell whether a larger number goes on ("hundred and "). */
const NUMBER_CONTEXT = 16;
const QUESTION_END = /[?？][\s"'”’」』)）]*$/u;

export interface UnderstoodHit {
  readonly line: number;
  readonly score: number;
  /** Where the concepts stand, in the normalised line. */
  readonly ranges: readonly (readonly [number, number])[];
  /** The question line (index) this line answers, when it was ranked for being that answer. */
  readonly answerTo?: number;
}

/** Lines holding the query's concepts, best first; empty when no line holds enough of them. */
export function understoodHits(lines: IndexedLines, query: string, scope: LineScope, limit: number): UnderstoodHit[] {
  const { concepts, phrased } = planOf(lines, query);
  const totalWeight = concepts.reduce((sum, concept) => sum + concept.weight, 0);
  if (concepts.length === 0 || totalWeight === 0) return [];
  const candidates = new Set<number>();
  const addCandidates = (counted: boolean): void => {
    for (const concept of concepts)
      for (const { text, afterCount } of concept.alternatives)
        if ((afterCount === true) === counted)
          for (const line of exactLines(lines, [text], scope, LINES_PER_ALTERNATIVE)) candidates.add(line);
  };
  addCandidates(false);
  // A counted thing (人, 年) is in too many lines to find candidates by: they come from the other concepts, if any.
  if (candidates.size === 0) addCandidates(true);
  const scored = new Map<number, UnderstoodHit>();
  for (const line of candidates) {
    const hit = scoreLine(lines, line, concepts, totalWeight);
    if (hit !== undefined) scored.set(line, hit);
  }
  if (phrased) {
    readAnswersWithQuestions(lines, candidates, scored, { concepts, totalWeight, scope });
    putAnswersAboveQuestions(lines, scored, scope);
  }
  return [...scored.values()].sort((a, b) => b.score - a.score || a.line - b.line).slice(0, limit);
}

/** Plans remembered per index (the lines never change): autocomplete and repeated questions plan each query once. */
const plans = new WeakMap<IndexedLines, BoundedMemo<string, ConceptPlan>>();
/** Queries remembered per index before it starts over. */
const PLANS_KEPT = 1_000;

function planOf(lines: IndexedLines, query: string): ConceptPlan {
  let known = plans.get(lines);
  if (known === undefined) plans.set(lines, (known = new BoundedMemo(PLANS_KEPT)));
  return known.get(query, () => planConcepts(lines, query));
}

/** The query's concepts, counted in the whole content (a word's rarity does not depend on the interview asked). */
function planConcepts(lines: IndexedLines, query: string): ConceptPlan {
  const everywhere: LineScope = { from: 0, to: lines.count };
  return conceptsOf(query, {
    lineCount: lines.count,
    linesWith: (text) =>
      lines.remembered(text, () => {
        // Counted exactly while few (rare words weigh most, so their weight must be right); estimated beyond.
        const counted = exactLines(lines, [text], everywhere, EXACT_COUNT).length;
        return counted < EXACT_COUNT ? counted : Math.max(counted, estimatedLines(lines, text));
      }),
    namesSoundingLike: (name) => {
      const sounds = nameSounds(name);
      if (sounds === undefined) return [];
      // 公司 sounds like "Gus" but is a word of its own, not a name.
      return lines
        .nameRuns()
        .flatMap((run) => namesIn(sounds, run, (char) => lines.lexicon.syllablesOfChar(char)))
        .filter((name) => !isDictionaryWord(name));
    },
    speakersNamed: (word) => {
      const speakers = lines.speakers.namedBy(word);
      return { speakers, lines: speakers.length === 0 ? 0 : lines.linesSpokenBy(speakers) };
    },
    linesWithCountBefore: (text) =>
      lines.remembered(`${COUNTED_KEY}${text}`, () => {
        // Counted in the lines holding the text, up to a sample; beyond it, that share of the estimate.
        const holding = exactLines(lines, [text], everywhere, COUNT_SAMPLE);
        const counted = holding.filter((line) => new LineReading(lines, line).afterCounts(text).length > 0).length;
        if (holding.length < COUNT_SAMPLE) return counted;
        return Math.max(counted, Math.round((counted / holding.length) * estimatedLines(lines, text)));
      }),
  });
}

/** Lines holding a counted thing read to count those where a count stands before it. */
const COUNT_SAMPLE = 300;
/** Marks a remembered count of lines with `text` after a count, apart from the count of lines with `text`. */
const COUNTED_KEY = "\u0000count:";

function scoreLine(
  lines: IndexedLines,
  line: number,
  concepts: readonly Concept[],
  totalWeight: number,
  question?: number,
): UnderstoodHit | undefined {
  const here = new LineReading(lines, line);
  const asked = question === undefined ? undefined : new LineReading(lines, question);
  let held = 0;
  let conceptsHeld = 0;
  let heldHere = 0;
  const ranges: (readonly [number, number])[] = [];
  const speaker = lines.speakerOf(line);
  for (const concept of concepts) {
    // Said by the speaker the word names ("Sam在飞机上做了什么": Sam's own lines).
    const bySpeaker = concept.speakers.includes(speaker) ? 1 : 0;
    const found = here.best(concept, bySpeaker);
    let best = Math.max(bySpeaker, found.value);
    if (found.value > 0) heldHere++;
    if (asked !== undefined) best = Math.max(best, asked.best(concept, 0).value * QUESTION_CONTEXT_VALUE);
    held += concept.weight * best;
    if (best > 0) conceptsHeld++;
    ranges.push(...found.ranges);
  }
  // An answer is read with its question, but must itself hold something the member asked about.
  if (asked !== undefined && heldHere === 0) return undefined;
  const coverage = held / totalWeight;
  // Half the weight, and half the concepts: "火星殖民计划" is not answered by a line about some 计划.
  if (coverage < MIN_COVERAGE || conceptsHeld * 2 < concepts.length) return undefined;
  // Tie-break: the shorter line, where the concepts are more of what it says.
  const { text } = here;
  return { line, score: coverage + 0.01 / (1 + text.length / 100), ranges };
}

/** One line as the concepts are looked for in it: its normalised text, and its Latin words when a term needs them. */
class LineReading {
  readonly text: string;
  private words: LineWords | undefined;

  constructor(
    private readonly lines: IndexedLines,
    private readonly line: number,
  ) {
    this.text = lines.textOf(line);
  }

  /** The concept's most valuable form the line holds, worth more than `floor`, and where it stands; value 0 if none. */
  best(concept: Concept, floor: number): { value: number; ranges: readonly (readonly [number, number])[] } {
    let value = 0;
    let ranges: readonly (readonly [number, number])[] = [];
    for (const alternative of concept.alternatives) {
      if (alternative.value <= Math.max(floor, value) || !this.text.includes(alternative.text)) continue;
      let found =
        alternative.afterCount === true ? this.afterCounts(alternative.text) : this.occurrencesOf(alternative);
      // A spelled number stands for itself, not as part of a larger one (the 六 of 十六, the seventy of seventy-nine).
      if (alternative.number === true) found = found.filter((range) => !this.insideLargerNumber(range));
      if (found.length === 0) continue;
      ranges = found;
      value = alternative.value;
    }
    return { value, ranges };
  }

  /** Where the line holds an alternative: a Latin form as whole words (typed or joined), anything else anywhere. */
  private occurrencesOf(alternative: Alternative): readonly (readonly [number, number])[] {
    if (!isLatinTerm(alternative.text)) return occurrences(this.text, alternative.text, MAX_OCCURRENCES);
    this.words ??= new LineWords(this.lines.lineAt(this.line).text, this.text);
    // Several words in a row (twenty-seven): each whole, as the search matches a typed phrase.
    if (alternative.joins !== undefined) return this.words.phraseOccurrences(alternative.text, alternative.joins);
    const match = this.words.match(alternative.text);
    return match?.exact === true ? match.ranges : [];
  }

  /**
   * Where the line holds `unit` (normalised) right after a count, the count included: 六个人, 3 点, "eleven years";
   * empty when it never does.
   */
  afterCounts(unit: string): readonly (readonly [number, number])[] {
    const out: (readonly [number, number])[] = [];
    for (const range of this.occurrencesOf({ text: unit, value: 1 })) {
      const count = countBefore(this.around(range).before);
      if (count === undefined) continue;
      // The count as the normalised line has it (folded, without the space before the unit).
      const written = normalize(count);
      const from = this.text.slice(0, range[0]).endsWith(written) ? range[0] - written.length : range[0];
      out.push([from, range[1]]);
    }
    return out;
  }

  /** Whether a spelled number at `range` (of the normalised line) is part of a larger one there: seventy-nine, 十六. */
  private insideLargerNumber(range: readonly [number, number]): boolean {
    const { before, after } = this.around(range);
    return partOfLargerNumber(before, after);
  }

  /** The original text just before and after `range` (of the normalised line), NUMBER_CONTEXT characters each. */
  private around(range: readonly [number, number]): { readonly before: string; readonly after: string } {
    const { text: original } = this.lines.lineAt(this.line);
    const [start, end] = toOriginalRanges(original, this.text, [range])[0] ?? [0, 0];
    return {
      before: original.slice(Math.max(0, start - NUMBER_CONTEXT), start),
      after: original.slice(end, end + NUMBER_CONTEXT),
    };
  }
}

/**
 * An answer read with the question it answers, whose words count for less in it: the host asks "来村里的游客多吗？",
 * the farmer's answer speaks of rooms to stay in, and "游客能住在茶农家里吗" finds the answer.
 */
function readAnswersWithQuestions(
  lines: IndexedLines,
  candidates: ReadonlySet<number>,
  scored: Map<number, UnderstoodHit>,
  query: { readonly concepts: readonly Concept[]; readonly totalWeight: number; readonly scope: LineScope },
): void {
  for (const question of candidates) {
    const answer = answerTo(lines, question, query.scope);
    if (answer === undefined) continue;
    const hit = scoreLine(lines, answer, query.concepts, query.totalWeight, question);
    const known = scored.get(answer);
    if (hit !== undefined && (known === undefined || known.score < hit.score))
      scored.set(answer, { ...hit, answerTo: question });
  }
}

/** A member asking a question wants the answer: an answer after a matching question ranks just above it. */
function putAnswersAboveQuestions(lines: IndexedLines, scored: Map<number, UnderstoodHit>, scope: LineScope): void {
  for (const question of [...scored.values()]) {
    const next = answerTo(lines, question.line, scope);
    if (next === undefined) continue;
    const answer = scored.get(next);
    const score = question.score + ANSWER_LEAD;
    if (answer === undefined || answer.score < score)
      scored.set(next, { line: next, score, ranges: answer?.ranges ?? [], answerTo: question.line });
  }
}

/** The line answering `line` when it is a question: the next line, of the same interview, by another speaker. */
export function answerTo(lines: IndexedLines, line: number, scope: LineScope): number | undefined {
  const next = line + 1;
  if (next >= scope.to || !QUESTION_END.test(lines.lineAt(line).text)) return undefined;
  if (lines.interviewIdOf(next) !== lines.interviewIdOf(line)) return undefined;
  if (lines.speakerOf(next) === lines.speakerOf(line)) return undefined;
  if (scope.accepts !== undefined && !scope.accepts(next)) return undefined;
  return next;
}
