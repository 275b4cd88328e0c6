/**
 * "Did you mean …" for a query that found nothing: the closest interview keywords, question titles, speakers
 * and frequent Latin words of the transcripts. The vocabulary is small and bounded whatever the corpus size.
 */
import Fuse from "fuse.js";
import type { Interview } from "../content/model.js";
import { normalize } from "./normalize.js";

const MAX_VOCABULARY = 5000;
/** Lines read for frequent Latin words: an even sample, so a huge corpus costs no more than a big one. */
const SAMPLED_LINES = 20_000;
const FREQUENT_WORDS = 500;
const SUGGESTION_FUZZ = 0.4;
/** Terms Fuse.js ranks for one query. */
const FUSE_TERMS = 100;
const LATIN_WORD = /[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*/g;

export interface SuggestionTerm {
  readonly label: string;
  readonly normalized: string;
}

export class Suggester {
  /** Built on first use: most queries find something and never need it. */
  private termsByChar: Map<string, number[]> | undefined;

  constructor(private readonly vocabulary: readonly SuggestionTerm[]) {}

  static fromInterviews(interviews: readonly Interview[], speakers: readonly string[], totalLines: number): Suggester {
    const labels = [
      ...interviews.flatMap((interview) => interview.keywords),
      ...speakers,
      ...frequentLatinWords(interviews, totalLines),
      ...interviews.flatMap((interview) => interview.questions.map((question) => question.title)),
    ];
    const byNormalized = new Map<string, SuggestionTerm>();
    for (const label of labels) {
      const normalized = normalize(label);
      if (normalized.length < 2 || byNormalized.has(normalized)) continue;
      byNormalized.set(normalized, { label, normalized });
      if (byNormalized.size >= MAX_VOCABULARY) break;
    }
    return new Suggester([...byNormalized.values()]);
  }

  /** The vocabulary, as plain data (to rebuild the suggester elsewhere with `new Suggester(terms)`). */
  get terms(): readonly SuggestionTerm[] {
    return this.vocabulary;
  }

  /** Up to `limit` labels close to the normalised query. */
  suggest(normalizedQuery: string, limit: number): string[] {
    if (normalizedQuery === "") return [];
    // Fuse.js only ranks the terms sharing the most characters with the query, so a big vocabulary stays cheap.
    // Ids come from the vocabulary itself, so every one names a term.
    const close = this.termsSharingCharacters(normalizedQuery).flatMap((id) => this.vocabulary[id] ?? []);
    const fuse = new Fuse(close, {
      keys: ["normalized"],
      ignoreLocation: true,
      isCaseSensitive: true,
      threshold: SUGGESTION_FUZZ,
    });
    return fuse.search(normalizedQuery.slice(0, 32), { limit }).map((result) => result.item.label);
  }

  private termsSharingCharacters(normalizedQuery: string): number[] {
    this.termsByChar ??= indexByCharacter(this.vocabulary);
    const wanted = new Set(normalizedQuery);
    const shared = new Map<number, number>();
    for (const char of wanted) {
      for (const id of this.termsByChar.get(char) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const enough = Math.max(1, Math.ceil(wanted.size / 3));
    return [...shared.entries()]
      .filter(([, count]) => count >= enough)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, FUSE_TERMS)
      .map(([id]) => id);
  }
}

function frequentLatinWords(interviews: readonly Interview[], totalLines: number): string[] {
  const step = Math.max(1, Math.floor(totalLines / SAMPLED_LINES));
  const counts = new Map<string, { word: string; count: number }>();
  let seen = 0;
  for (const interview of interviews) {
    for (const line of interview.lines) {
      if (seen++ % step !== 0) continue;
      for (const [word] of line.text.matchAll(LATIN_WORD)) {
        if (word.length < 3) continue;
        const key = word.toLowerCase();
        const entry = counts.get(key) ?? { word, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, FREQUENT_WORDS)
    .map((entry) => entry.word);
}

function indexByCharacter(terms: readonly SuggestionTerm[]): Map<string, number[]> {
  const byChar = new Map<string, number[]>();
  terms.forEach((term, id) => {
    for (const char of new Set(term.normalized)) {
      const ids = byChar.get(char);
      if (ids === undefined) byChar.set(char, [id]);
      else ids.push(id);
    }
  });
  return byChar;
}
