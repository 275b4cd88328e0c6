/**
 * The indexed lines: everything building the search index computes from the interviews — each line normalised,
 * which interview and speaker says it, the bigram postings, the pinyin lexicon, the suggestion vocabulary. It is
 * prepared as plain data and typed arrays (`prepareSearchIndex`), which a worker thread can do and post to the
 * main thread (see src/serving/off-thread.ts), then assembled without reading a line (`IndexedLines.fromData`)
 * into the read-only view the search uses.
 */
import type { Interview, TranscriptLine } from "../content/model.js";
import { transliterationCharacters } from "../lexicon/index.js";
import { at } from "./checked.js";
import { GramIndex, type GramIndexData, type LineScope } from "./gram-index.js";
import { BoundedMemo } from "../memo.js";
import { normalize } from "./normalize.js";
import { PinyinLexicon, type PinyinLexiconData } from "./pinyin.js";
import { SpeakerDirectory } from "./speakers.js";
import { Suggester, type SuggestionTerm } from "./suggestions.js";

/** What `prepareSearchIndex` computes, as data a worker thread can post (the typed arrays' buffers transferred). */
export interface SearchIndexData {
  /** One per transcript line, in the order of `interviews.flatMap((interview) => interview.lines)`. */
  readonly normalizedLines: readonly string[];
  readonly lineInterview: Uint32Array;
  readonly lineSpeaker: Uint32Array;
  readonly interviewStart: Uint32Array;
  /** By speaker id. */
  readonly speakerNames: readonly string[];
  readonly grams: GramIndexData;
  readonly lexicon: PinyinLexiconData;
  readonly vocabulary: readonly SuggestionTerm[];
}

/** The expensive part of building an index: normalising every line, the bigram index, lexicon and vocabulary. */
export function prepareSearchIndex(interviews: readonly Interview[]): SearchIndexData {
  const lines = interviews.flatMap((interview) => interview.lines);
  const lineInterview = new Uint32Array(lines.length);
  const lineSpeaker = new Uint32Array(lines.length);
  const interviewStart = new Uint32Array(interviews.length + 1);
  const speakers = new SpeakerDirectory();
  let line = 0;
  interviews.forEach((interview, index) => {
    interviewStart[index] = line;
    for (const { speaker } of interview.lines) {
      lineInterview[line] = index;
      lineSpeaker[line] = speakers.idOf(speaker);
      line++;
    }
  });
  interviewStart[interviews.length] = line;
  const normalizedLines = lines.map((transcriptLine) => normalize(transcriptLine.text));
  const grams = GramIndex.build(normalizedLines);
  const lexicon = PinyinLexicon.fromCodePoints(grams.codePoints());
  const suggester = Suggester.fromInterviews(interviews, speakers.names, lines.length);
  return {
    normalizedLines,
    lineInterview,
    lineSpeaker,
    interviewStart,
    speakerNames: speakers.names,
    grams: grams.toData(),
    lexicon: lexicon.toData(),
    vocabulary: suggester.terms,
  };
}

/** The buffers of the data's typed arrays: postMessage's transfer list. */
export function searchIndexBuffers(data: SearchIndexData): ArrayBuffer[] {
  const { grams } = data;
  const arrays = [
    data.lineInterview,
    data.lineSpeaker,
    data.interviewStart,
    grams.slotStart,
    grams.postings,
    grams.charSlotStart,
    grams.charSlots,
  ];
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}

/** The lines of a library with their normalised text and lookups, read by line number (0-based, over all interviews). */
export class IndexedLines {
  private constructor(
    private readonly lines: readonly TranscriptLine[],
    private readonly normalizedLines: readonly string[],
    private readonly lineInterview: Uint32Array,
    private readonly lineSpeaker: Uint32Array,
    private readonly interviewIds: readonly string[],
    private readonly interviewStart: Uint32Array,
    readonly speakers: SpeakerDirectory,
    readonly grams: GramIndex,
    readonly lexicon: PinyinLexicon,
    readonly suggester: Suggester,
  ) {}

  /** The view of `interviews` from data `prepareSearchIndex` made of the same interviews. Cheap: no line is read. */
  static fromData(interviews: readonly Interview[], data: SearchIndexData): IndexedLines {
    // A plain loop: flatMap over thousands of small arrays takes tens of ms, and this runs on the main thread.
    const lines: TranscriptLine[] = [];
    for (const interview of interviews) for (const line of interview.lines) lines.push(line);
    if (lines.length !== data.normalizedLines.length || interviews.length + 1 !== data.interviewStart.length) {
      throw new Error(`search index data for ${data.normalizedLines.length} lines cannot serve ${lines.length}`);
    }
    const speakers = new SpeakerDirectory();
    for (const name of data.speakerNames) speakers.idOf(name);
    return new IndexedLines(
      lines,
      data.normalizedLines,
      data.lineInterview,
      data.lineSpeaker,
      interviews.map((interview) => interview.id),
      data.interviewStart,
      speakers,
      GramIndex.fromData(data.grams),
      PinyinLexicon.fromData(data.lexicon),
      new Suggester(data.vocabulary),
    );
  }

  private linesPerSpeaker: Uint32Array | undefined;
  /** How many lines hold a word, for the words queries and the dictionary ask about again and again. */
  private readonly lineCounts = new BoundedMemo<string, number>(20_000);

  get count(): number {
    return this.lines.length;
  }

  lineAt(line: number): TranscriptLine {
    return checked(this.lines[line], line);
  }

  /** The line's normalised text, as matched against. */
  textOf(line: number): string {
    return checked(this.normalizedLines[line], line);
  }

  interviewIdOf(line: number): string {
    return checked(this.interviewIds[at(this.lineInterview, line)], line);
  }

  speakerOf(line: number): number {
    return at(this.lineSpeaker, line);
  }

  /**
   * `count()`'s answer for `text`, remembered (the lines never change; at most 20,000 words, then it starts over):
   * the same dictionary words come up in query after query, and each count reads the index.
   */
  remembered(text: string, count: () => number): number {
    return this.lineCounts.get(text, count);
  }

  private transliterationRuns: readonly string[] | undefined;

  /**
   * The distinct runs of two or more characters that Chinese writes foreign names with (格雷格, 特朗普), found on
   * first use: where a Latin name the lines lack may stand (./names.ts).
   */
  nameRuns(): readonly string[] {
    if (this.transliterationRuns === undefined) {
      const nameCharacters = transliterationCharacters();
      const runs = new Set<string>();
      for (const text of this.normalizedLines) {
        let run = "";
        for (const char of text) {
          if (nameCharacters.has(char)) run += char;
          else {
            if (run.length >= 2) runs.add(run);
            run = "";
          }
        }
        if (run.length >= 2) runs.add(run);
      }
      this.transliterationRuns = [...runs];
    }
    return this.transliterationRuns;
  }

  /** How many lines these speakers speak (counted once for all speakers, on first use). */
  linesSpokenBy(speakers: readonly number[]): number {
    if (this.linesPerSpeaker === undefined) {
      this.linesPerSpeaker = new Uint32Array(this.speakers.count);
      for (const speaker of this.lineSpeaker) this.linesPerSpeaker[speaker]!++;
    }
    const counts = this.linesPerSpeaker;
    return speakers.reduce((sum, speaker) => sum + at(counts, speaker), 0);
  }

  /** The lines of one interview, or `undefined` for an unknown id. */
  interviewScope(interviewId: string): LineScope | undefined {
    const index = this.interviewIds.indexOf(interviewId);
    return index === -1 ? undefined : { from: at(this.interviewStart, index), to: at(this.interviewStart, index + 1) };
  }
}

function checked<T>(value: T | undefined, line: number): T {
  if (value === undefined) throw new RangeError(`line ${line} is not in the search index`);
  return value;
}
