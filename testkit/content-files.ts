/**
 * A generated content folder for the bot benchmark: interview *files* in the seed's Markdown format, so the
 * bot reads, parses and indexes them exactly as it does real content.
 *
 * The Chinese transcript lines come from corpus.ts (mutated seed lines, a tenth in traditional
 * characters); one interview in five is written in English (English headings, labels and lines). Each file
 * has four questions with a summary, an explanation and ten transcript paragraphs. Deterministic.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Interview, TranscriptLine } from "../src/content/model.js";
import { LINES_PER_INTERVIEW, loadSeedInterviews, makeSyntheticInterviews, mulberry32 } from "./corpus.js";

/** One interview in this many is written in English. */
const ENGLISH_EVERY = 5;
const QUESTIONS_PER_INTERVIEW = 4;

export interface GeneratedFolder {
  readonly dir: string;
  readonly files: readonly string[];
  readonly interviews: number;
  readonly lines: number;
  /** Per file: a keyword that occurs in it (for realistic /quote queries). */
  readonly keywords: ReadonlyMap<string, readonly string[]>;
}

const ENGLISH_PHRASES = [
  "I think the honest answer is that nobody knows yet",
  "we spent most of last year rebuilding the training stack",
  "the board asked me to step back for a few days",
  "compute is still the thing that limits us most",
  "open source models are getting better very quickly",
  "regulation should focus on the most capable systems",
  "the cost of intelligence keeps falling every year",
  "we want the device to feel like a calm companion",
  "a startup is mostly about choosing the right problem",
  "our revenue grew faster than anyone expected",
  "safety testing has to happen before a launch, not after",
  "people use the assistant for homework and for work",
  "the next model will reason more carefully over long tasks",
  "chips and energy are the real bottlenecks now",
  "I learned a lot from investing in early companies",
  "the nonprofit structure made some decisions slower",
  "we shipped GPT-4o to every user for free",
  "latency matters as much as accuracy for voice",
  "the team in San Francisco works on the hardest parts",
  "you should measure what users actually do",
] as const;
const ENGLISH_SPEAKERS = ["Host", "Guest", "Sam Altman", "Moderator"] as const;
const ENGLISH_TITLES = [
  "Early career and first investments",
  "Leaving and coming back",
  "The cost of compute",
  "Open and closed models",
  "Regulation and safety",
  "The next device",
  "Revenue and growth",
  "Advice for founders",
] as const;

/** Writes `interviews` files (40 transcript lines each) into `dir` and returns what it wrote. */
export async function writeInterviewFolder(dir: string, interviews: number): Promise<GeneratedFolder> {
  await mkdir(dir, { recursive: true });
  const seed = loadSeedInterviews();
  const seedQuestions = seed.flatMap((interview) => interview.questions).filter((question) => question.summary !== "");
  const chinese = makeSyntheticInterviews(interviews * LINES_PER_INTERVIEW, seed);
  const random = mulberry32(0xb07);
  const files: string[] = [];
  const keywords = new Map<string, string[]>();
  let lines = 0;
  for (const [index, synthetic] of chinese.slice(0, interviews).entries()) {
    const number = index + 1;
    const english = number % ENGLISH_EVERY === 0;
    const id = `${english ? "talk" : "fangtan"}-${String(number).padStart(5, "0")}`;
    const interview = english ? englishVersion(synthetic, random) : synthetic;
    const summaries = Array.from({ length: QUESTIONS_PER_INTERVIEW }, () => pick(seedQuestions, random));
    const markdown = renderInterview(interview, number, english, summaries, random);
    const file = `${id}.md`;
    await writeFile(path.join(dir, file), markdown);
    files.push(file);
    keywords.set(id, keywordsOf(interview.lines, english, random));
    lines += interview.lines.length;
  }
  return { dir, files, interviews, lines, keywords };
}

/** The same interview with English lines and speakers. */
function englishVersion(interview: Interview, random: () => number): Interview {
  const lines = interview.lines.map((line): TranscriptLine => {
    let text = "";
    while (text.length < 70) text += `${text === "" ? "" : ", "}${pick(ENGLISH_PHRASES, random)}`;
    return { ...line, speaker: pick(ENGLISH_SPEAKERS, random), text: `${text[0]?.toUpperCase()}${text.slice(1)}.` };
  });
  return { ...interview, lines };
}

function renderInterview(
  interview: Interview,
  number: number,
  english: boolean,
  summaries: readonly { title: string; summary: string; explanation: string }[],
  random: () => number,
): string {
  const date = new Date(Date.UTC(2020, 0, 1) + number * 86_400_000).toISOString().slice(0, 10);
  const out: string[] = [
    "---",
    "layout: post",
    `title: ${english ? `"Interview ${number}: a conversation about AI"` : `访谈 ${number}：AI未来发展方向`}`,
    english ? "categories: [talks]" : "categories: [观点]",
    `description: ${english ? "What was said, question by question" : "访谈中的关键内容摘要"}`,
    `keywords: ${english ? "AI, OpenAI, compute, startups" : "sam Altman, AI未来发展方向，ChatGPT，OpenAI，AI芯片"}`,
    `date: ${date}`,
    "---",
    "",
    english
      ? `**Source:** [https://example.com/talks/${number}](https://example.com/talks/${number})`
      : `**访谈视频：**[https://b23.tv/x${number}](https://b23.tv/x${number})`,
    "",
  ];
  const perQuestion = Math.ceil(interview.lines.length / QUESTIONS_PER_INTERVIEW);
  for (let question = 0; question < QUESTIONS_PER_INTERVIEW; question++) {
    const about = summaries[question] ?? { title: "", summary: "", explanation: "" };
    const title = english ? pick(ENGLISH_TITLES, random) : about.title;
    out.push(
      english ? `### Question ${question + 1}: ${title}` : `### 问题${question + 1}: ${title}`,
      "",
      english ? `- **Summary**: ${pick(ENGLISH_PHRASES, random)}.` : `- **详细描述**：${about.summary}`,
      "",
      english ? `- **Explanation**: ${pick(ENGLISH_PHRASES, random)}.` : `- **额外解释**：${about.explanation}`,
      "",
      english ? "- **Transcript**:" : "- **访谈原文**：",
      "",
    );
    for (const line of interview.lines.slice(question * perQuestion, (question + 1) * perQuestion)) {
      out.push(english ? `**${line.speaker}:** ${line.text}` : `**${line.speaker}：**  ${line.text}`, "");
    }
  }
  return out.join("\n");
}

/** A few words that stand in the interview's lines: two- to four-character Chinese runs, or English words. */
function keywordsOf(lines: readonly TranscriptLine[], english: boolean, random: () => number): string[] {
  const words: string[] = [];
  for (let attempt = 0; attempt < 20 && words.length < 4; attempt++) {
    const text = pick(lines, random).text;
    const candidates = english ? (text.match(/[A-Za-z]{4,}/g) ?? []) : (text.match(/[\p{Script=Han}]{2,}/gu) ?? []);
    const run = candidates.length > 0 ? pick(candidates, random) : undefined;
    if (run === undefined) continue;
    if (english) words.push(run.toLowerCase());
    else {
      const length = Math.min(run.length, 2 + Math.floor(random() * 3));
      const start = Math.floor(random() * (run.length - length + 1));
      words.push(run.slice(start, start + length));
    }
  }
  return words;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}
