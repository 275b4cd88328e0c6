/** Finding a question of an interview by number (`3`, `Q3`, `问题3`) or by words of its title, typos allowed. */
import Fuse from "fuse.js";
import type { Interview } from "../content/model.js";
import { normalize, queryWords } from "./normalize.js";
import type { QuestionMatch } from "./types.js";

const QUESTION_NUMBER = /^(?:#|q|question|问题|問題)?\s*(\d{1,6})$/i;
/** Fuse scores above this are too far from the title to offer. */
const TITLE_FUZZ = 0.4;

interface TitleCatalog {
  readonly titles: readonly string[];
  readonly fuse: Fuse<string>;
}

// Titles are normalised once per interview object; a reload makes new objects, so nothing goes stale.
const catalogs = new WeakMap<Interview, TitleCatalog>();

function catalogOf(interview: Interview): TitleCatalog {
  let catalog = catalogs.get(interview);
  if (catalog === undefined) {
    const titles = interview.questions.map((question) => normalize(question.title));
    const fuse = new Fuse(titles, {
      ignoreLocation: true,
      includeScore: true,
      isCaseSensitive: true,
      threshold: TITLE_FUZZ,
    });
    catalog = { titles, fuse };
    catalogs.set(interview, catalog);
  }
  return catalog;
}

export function findQuestionsIn(interview: Interview, query: string, limit: number): QuestionMatch[] {
  const wanted = query.normalize("NFKC").trim();
  const questions = interview.questions;
  if (wanted === "") return questions.slice(0, limit).map((question) => ({ question, score: 1 }));

  const number = QUESTION_NUMBER.exec(wanted)?.[1];
  if (number !== undefined) {
    // `1` also offers 10, 11…, as the user may still be typing.
    const byNumber = questions
      .map((question) => ({
        question,
        score:
          String(question.number) === String(Number(number)) ? 2 : String(question.number).startsWith(number) ? 1 : 0,
      }))
      .filter((match) => match.score > 0)
      .sort((a, b) => b.score - a.score || a.question.number - b.question.number);
    if (byNumber.length > 0) return byNumber.slice(0, limit);
  }

  const phrase = normalize(wanted);
  const words = queryWords(wanted);
  if (phrase === "") return [];
  const { titles, fuse } = catalogOf(interview);
  const scores = new Map<number, number>();
  titles.forEach((title, index) => {
    if (title.includes(phrase)) scores.set(index, 3 + phrase.length / Math.max(1, title.length));
    else if (words.every((word) => title.includes(word))) scores.set(index, 2);
  });
  for (const result of fuse.search(phrase.slice(0, 32))) {
    if (!scores.has(result.refIndex)) scores.set(result.refIndex, 1 - (result.score ?? 1));
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([index, score]) => ({ question: questions[index]!, score }));
}
