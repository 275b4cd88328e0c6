/**
 * What replacing one version of an interview by another changes, as a moderator's preview shows it:
 * questions added, removed and changed (by number), and transcript lines added and removed.
 */
import type { Interview, Question } from "./model.js";

export interface InterviewDiff {
  readonly questionsAdded: readonly number[];
  readonly questionsRemoved: readonly number[];
  /** Questions kept under their number whose title, summary, explanation or transcript differ. */
  readonly questionsChanged: readonly number[];
  /** Lines (speaker and text) of the new version that the old one does not have, counted with repeats. */
  readonly linesAdded: number;
  readonly linesRemoved: number;
}

function questionKey(question: Question): string {
  const lines = question.lines.map((line) => `${line.speaker}\u0000${line.text}`).join("\u0001");
  return [question.title, question.summary, question.explanation, lines].join("\u0002");
}

/**
 * The diff from `before` to `after` (either may be absent: an interview added, or removed). Lines are
 * compared as a multiset, in linear time, so a moved paragraph counts as neither added nor removed.
 */
export function diffInterviews(before: Interview | undefined, after: Interview | undefined): InterviewDiff {
  const old = new Map((before?.questions ?? []).map((question) => [question.number, question]));
  const next = new Map((after?.questions ?? []).map((question) => [question.number, question]));
  const questionsAdded = [...next.keys()].filter((number) => !old.has(number));
  const questionsRemoved = [...old.keys()].filter((number) => !next.has(number));
  const questionsChanged = [...next.entries()]
    .filter(([number, question]) => {
      const was = old.get(number);
      return was !== undefined && questionKey(was) !== questionKey(question);
    })
    .map(([number]) => number);

  const remaining = new Map<string, number>();
  for (const line of before?.lines ?? []) {
    const key = `${line.speaker}\u0000${line.text}`;
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  let linesAdded = 0;
  for (const line of after?.lines ?? []) {
    const key = `${line.speaker}\u0000${line.text}`;
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else linesAdded++;
  }
  let linesRemoved = 0;
  for (const left of remaining.values()) linesRemoved += left;
  return { questionsAdded, questionsRemoved, questionsChanged, linesAdded, linesRemoved };
}
