/**
 * Synthetic interviews for benchmarks, made from the seed content's transcript: each line is a mutated copy
 * of a seed line (its phrases shuffled, its numbers changed), and a tenth of them are in traditional
 * characters. Deterministic: the same size always gives the same corpus.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Converter } from "opencc-js";
import { parseInterview } from "../src/content/parse.js";
import type { Interview, Question, TranscriptLine } from "../src/content/model.js";

export const LINES_PER_INTERVIEW = 40;
const LINES_PER_QUESTION = 10;
const TRADITIONAL_SHARE = 0.1;
/** Phrases are added until a line is about this long (~57 characters on average, as in the issue). */
const TARGET_LENGTH = 64;

const toTraditional = Converter({ from: "cn", to: "tw" });
const SEED_FOLDER = new URL("../content/", import.meta.url);

/** The interviews of the content folder, read synchronously (benchmarks run outside the bot). */
export function loadSeedInterviews(): Interview[] {
  return interviewsIn(SEED_FOLDER);
}

/** The valid interviews of a folder's Markdown files (README.md aside), in file-name order. */
function interviewsIn(folder: URL): Interview[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md")
    .sort()
    .flatMap((name) => {
      const parsed = parseInterview(readFileSync(new URL(name, folder), "utf8"), name.replace(/\.md$/, ""), name);
      return parsed.ok ? [parsed.interview] : [];
    });
}

/** About `lineCount` lines (rounded up to whole interviews of 40 lines) of synthetic transcript. */
export function makeSyntheticInterviews(
  lineCount: number,
  seed: readonly Interview[] = loadSeedInterviews(),
): Interview[] {
  const seedLines = seed.flatMap((interview) => interview.lines);
  const seedTitles = seed.flatMap((interview) => interview.questions.map((question) => question.title));
  if (seedLines.length === 0) throw new Error("the seed content has no transcript lines");
  const random = mulberry32(0x5eed);
  const interviews: Interview[] = [];
  for (let made = 0; made < lineCount; made += LINES_PER_INTERVIEW) {
    const number = interviews.length + 1;
    const lines: TranscriptLine[] = [];
    for (let index = 0; index < LINES_PER_INTERVIEW; index++) {
      const source = pick(seedLines, random);
      lines.push({
        number: index + 1,
        question: Math.floor(index / LINES_PER_QUESTION) + 1,
        speaker: source.speaker,
        text: mutate(source.text, random),
        sourceLine: index + 1,
      });
    }
    const questions: Question[] = [];
    for (let start = 0; start < lines.length; start += LINES_PER_QUESTION) {
      const questionNumber = start / LINES_PER_QUESTION + 1;
      questions.push({
        number: questionNumber,
        title: pick(seedTitles.length > 0 ? seedTitles : ["问题"], random),
        summary: "",
        explanation: "",
        lines: lines.slice(start, start + LINES_PER_QUESTION),
        sourceLine: start + 1,
      });
    }
    const id = `synthetic-${String(number).padStart(6, "0")}`;
    interviews.push(interviewOf(id, `Synthetic interview ${number}`, questions));
  }
  return interviews;
}

/**
 * A small interview for search tests: one question holding these lines, each said by its speaker, numbered from 1.
 * Built directly, not parsed, so a test's lines are exactly the texts it gives.
 */
export function interviewSaying(id: string, said: readonly (readonly [speaker: string, text: string])[]): Interview {
  const lines = said.map(([speaker, text], index) => ({
    number: index + 1,
    question: 1,
    speaker,
    text,
    sourceLine: index + 1,
  }));
  return interviewOf(id, id, [{ number: 1, title: id, summary: "", explanation: "", lines, sourceLine: 1 }]);
}

function interviewOf(id: string, title: string, questions: readonly Question[]): Interview {
  const lines = questions.flatMap((question) => question.lines);
  return {
    id,
    file: `${id}.md`,
    title,
    description: "",
    keywords: [],
    categories: [],
    date: undefined,
    sourceUrl: undefined,
    questions,
    lines,
    speakers: [...new Set(lines.map((line) => line.speaker))],
  };
}

/** Shuffled phrases of the seed line until the target length, new numbers, sometimes traditional characters. */
function mutate(text: string, random: () => number): string {
  const phrases = text.split(/(?<=[，。？！；,.?!;])/u).filter((phrase) => phrase.trim() !== "");
  shuffle(phrases, random);
  let line = "";
  for (const phrase of phrases) {
    line += phrase;
    if (line.length >= TARGET_LENGTH) break;
  }
  line = line.replace(/\d+/g, () => String(1 + Math.floor(random() * 99)));
  return random() < TRADITIONAL_SHARE ? toTraditional(line) : line;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
}

/** A small seeded PRNG, so corpora are the same on every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXTURE_FOLDER = new URL("../test/fixtures/content/", import.meta.url);

/** The seed and the test fixtures' interviews (English, and a second Chinese one): what the labelled set spans. */
export function loadLabelledInterviews(): Interview[] {
  return [...loadSeedInterviews(), ...interviewsIn(FIXTURE_FOLDER)];
}
