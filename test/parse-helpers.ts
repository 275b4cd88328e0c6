/** Parsing a Markdown interview inside a test: the interview it must give, or the errors it must report. */
import type { Interview } from "../src/content/model.js";
import { formatContentError } from "../src/content/model.js";
import { parseInterview } from "../src/content/parse.js";

/** The interview `text` parses into (as `<id>.md`); throws with its errors if it has any. */
export function parseOk(text: string, id = "test"): Interview {
  const result = parseInterview(text, id, `${id}.md`);
  if (!result.ok) throw new Error(result.errors.map(formatContentError).join("\n"));
  return result.interview;
}

/** The errors parsing `text` reports, as a moderator reads them; throws if it parses. */
export function parseErrors(text: string): string[] {
  const result = parseInterview(text, "bad", "bad.md");
  if (result.ok) throw new Error("expected errors, got an interview");
  return result.errors.map(formatContentError);
}
