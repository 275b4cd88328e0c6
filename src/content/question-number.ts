/** Reads a question number the way users type it: `3`, `#3`, `Q3`, `问题3`, `問題 3`, `question 3`. */

const QUESTION_NUMBER = /^(?:#|q|question|问题|問題)?\s*(\d{1,6})$/i;

export interface QuestionNumber {
  readonly number: number;
  /** The digits as typed (`03` stays `03`), for matching numbers that start with them while the user types. */
  readonly digits: string;
}

/** The question number `typed` names (surrounding spaces ignored), or undefined when it names none. */
export function readQuestionNumber(typed: string): QuestionNumber | undefined {
  const digits = QUESTION_NUMBER.exec(typed.trim())?.[1];
  return digits === undefined ? undefined : { number: Number(digits), digits };
}
