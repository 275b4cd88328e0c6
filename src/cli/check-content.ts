/**
 * `npm run check-content [-- --strict] [dir]`: validates a content folder and prints a summary, every
 * error and every warning as `file:line: message`. Exit 1 on any error (and with `--strict`, on any
 * warning), 2 on an unknown option, else 0.
 */
import { readContentDir } from "../config.js";
import { libraryStats } from "../content/library.js";
import { loadContentDir } from "../content/load.js";
import { formatContentError, type ContentError } from "../content/model.js";
import { counted } from "../render/strings.js";

const args = process.argv.slice(2);
const strict = args.includes("--strict");
const unknown = args.filter((arg) => arg.startsWith("-") && arg !== "--strict");
if (unknown.length > 0) {
  console.error(`unknown option ${unknown.join(", ")}; usage: npm run check-content -- [--strict] [dir]`);
  process.exit(2);
}
const dir = args.find((arg) => !arg.startsWith("-")) ?? readContentDir();
const { library, errors, warnings } = await loadContentDir(dir);

const list = (problems: readonly ContentError[]): void => {
  for (const problem of problems) console.error(`  ${formatContentError(problem)}`);
};

if (errors.length > 0) {
  console.error(`${counted(errors.length, "# error", "# errors")} in ${dir} (these files are not loaded):`);
  list(errors);
}
if (warnings.length > 0) {
  const effect = strict ? "refused by --strict" : "the files load, but check them";
  console.error(`${counted(warnings.length, "# warning", "# warnings")} in ${dir} (${effect}):`);
  list(warnings);
}

if (errors.length > 0) {
  const others = library.interviews.length;
  console.error(`${counted(others, "# other interview file is", "# other interview files are")} fine.`);
} else {
  const stats = libraryStats(library);
  const verdict =
    warnings.length === 0 ? "all valid" : `valid, with ${counted(warnings.length, "# warning", "# warnings")}`;
  console.log(
    `${dir}: ${counted(stats.interviews, "# interview", "# interviews")}, ${counted(stats.questions, "# question", "# questions")}, ` +
      `${counted(stats.lines, "# transcript line", "# transcript lines")}, ${counted(stats.speakers, "# speaker", "# speakers")} — ${verdict}.`,
  );
  for (const interview of library.interviews) {
    const date = interview.date ? ` (${interview.date})` : "";
    console.log(
      `  ${interview.id}${date}: ${interview.title} — ${interview.questions.length} questions, ${interview.lines.length} lines, speakers: ${interview.speakers.join(", ") || "none"}`,
    );
  }
}
process.exitCode = errors.length > 0 || (strict && warnings.length > 0) ? 1 : 0;
