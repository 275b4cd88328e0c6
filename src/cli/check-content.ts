/** `npm run check-content [dir]`: validates a content folder; prints a summary or every error; exit 1 on any error. */
import { readContentDir } from "../config.js";
import { libraryStats } from "../content/library.js";
import { loadContentDir } from "../content/load.js";
import { formatContentError } from "../content/model.js";

const dir = process.argv[2] ?? readContentDir();
const { library, errors } = await loadContentDir(dir);

if (errors.length > 0) {
  console.error(`${errors.length} problem${errors.length === 1 ? "" : "s"} in ${dir}:`);
  for (const error of errors) console.error(`  ${formatContentError(error)}`);
  console.error(`${library.interviews.length} other interview file(s) are fine.`);
  process.exitCode = 1;
} else {
  const stats = libraryStats(library);
  console.log(
    `${dir}: ${stats.interviews} interview(s), ${stats.questions} questions, ${stats.lines} transcript lines, ${stats.speakers} speaker(s) — all valid.`,
  );
  for (const interview of library.interviews) {
    const date = interview.date ? ` (${interview.date})` : "";
    console.log(
      `  ${interview.id}${date}: ${interview.title} — ${interview.questions.length} questions, ${interview.lines.length} lines, speakers: ${interview.speakers.join(", ") || "none"}`,
    );
  }
}
