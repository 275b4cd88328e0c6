/** The content model: what a Markdown interview file becomes once parsed and validated, and a library of them. */

export interface TranscriptLine {
  /** 1, 2, 3 … in reading order across the whole interview; stable for a given file. */
  readonly number: number;
  /** The number of the question whose section holds this line. */
  readonly question: number;
  /** As written in the label (`**sam Altman：**` → `sam Altman`); a paragraph without a label continues the previous speaker. */
  readonly speaker: string;
  readonly text: string;
  /** 1-based line in the source file where the paragraph starts, for error messages and editors. */
  readonly sourceLine: number;
}

export interface Question {
  readonly number: number;
  readonly title: string;
  /** 详细描述 / Summary; empty when the section has none. */
  readonly summary: string;
  /** 额外解释 / Explanation; empty when the section has none. */
  readonly explanation: string;
  readonly lines: readonly TranscriptLine[];
  readonly sourceLine: number;
}

export interface Interview {
  /** The file name without `.md`: stable, used in commands and button ids. */
  readonly id: string;
  /** Path relative to the content folder, for messages. */
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly keywords: readonly string[];
  readonly categories: readonly string[];
  /** ISO date (YYYY-MM-DD) from the front matter's `date`, when it has one. */
  readonly date: string | undefined;
  /** The source link (`**访谈视频：**[…](url)` in the body, or `source:` in the front matter), only one Discord accepts. */
  readonly sourceUrl: string | undefined;
  readonly questions: readonly Question[];
  /** Every transcript line of every question, in reading order (`lines[i].number === i + 1`). */
  readonly lines: readonly TranscriptLine[];
  readonly speakers: readonly string[];
}

/** Every good interview of a content folder: what is served, as one immutable value. */
export interface ContentLibrary {
  /** In file-name order. */
  readonly interviews: readonly Interview[];
  /** Fingerprint of every interview file's name and bytes: equal versions mean equal content. */
  readonly version: string;
  /** Per interview id, a fingerprint of its file, so a reload can tell what changed. */
  readonly fileHashes: ReadonlyMap<string, string>;
}

/** A problem with one content file, in plain words, with where to look. */
export interface ContentError {
  readonly file: string;
  /** 1-based line, when the problem has one. */
  readonly line: number | undefined;
  readonly message: string;
}

/**
 * A likely mistake that does not keep a file from loading (the text is still shown, or the mistake is a
 * guess): shown by `/reload` and `check-content`, refused by `check-content --strict`. Same shape as an error.
 */
export type ContentWarning = ContentError;

/** `file:line: message` (or `file: message`), for errors and warnings alike. */
export function formatContentError(error: ContentError): string {
  return error.line === undefined ? `${error.file}: ${error.message}` : `${error.file}:${error.line}: ${error.message}`;
}
