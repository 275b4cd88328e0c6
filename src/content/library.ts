/** Questions a command asks of a loaded library: which interview, what changed, how big. */
import type { ContentLibrary, Interview } from "./model.js";

/** The interview a command uses when the user names none: the newest by date, else the last by file name. */
export function defaultInterview(library: ContentLibrary): Interview | undefined {
  let best: Interview | undefined;
  for (const interview of library.interviews) {
    if (best === undefined || (interview.date ?? "") >= (best.date ?? "")) best = interview;
  }
  return best;
}

/** Finds an interview by id (exact, then case-insensitive) or by exact title; `undefined` picks the default. */
export function findInterview(library: ContentLibrary, idOrTitle: string | undefined): Interview | undefined {
  const wanted = idOrTitle?.trim();
  if (wanted === undefined || wanted === "") return defaultInterview(library);
  const lower = wanted.toLowerCase();
  return (
    library.interviews.find((interview) => interview.id === wanted) ??
    library.interviews.find((interview) => interview.id.toLowerCase() === lower) ??
    library.interviews.find((interview) => interview.title.toLowerCase() === lower)
  );
}

export interface LibraryStats {
  readonly interviews: number;
  readonly questions: number;
  readonly lines: number;
  readonly speakers: number;
}

export function libraryStats(library: ContentLibrary): LibraryStats {
  const speakers = new Set<string>();
  let questions = 0;
  let lines = 0;
  for (const interview of library.interviews) {
    questions += interview.questions.length;
    lines += interview.lines.length;
    for (const speaker of interview.speakers) speakers.add(speaker);
  }
  return { interviews: library.interviews.length, questions, lines, speakers: speakers.size };
}

export interface InterviewChange {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly [before: number, after: number];
  readonly lines: readonly [before: number, after: number];
}

export interface LibraryDiff {
  readonly added: readonly Interview[];
  readonly removed: readonly Interview[];
  readonly changed: readonly InterviewChange[];
  readonly unchanged: number;
}

/** What a reload from `before` to `after` changes, interview by interview. */
export function diffLibraries(before: ContentLibrary, after: ContentLibrary): LibraryDiff {
  const beforeById = new Map(before.interviews.map((interview) => [interview.id, interview]));
  const afterIds = new Set(after.interviews.map((interview) => interview.id));
  const added: Interview[] = [];
  const changed: InterviewChange[] = [];
  let unchanged = 0;
  for (const interview of after.interviews) {
    const old = beforeById.get(interview.id);
    if (old === undefined) added.push(interview);
    else if (before.fileHashes.get(old.id) === after.fileHashes.get(interview.id)) unchanged++;
    else {
      changed.push({
        id: interview.id,
        title: interview.title,
        questions: [old.questions.length, interview.questions.length],
        lines: [old.lines.length, interview.lines.length],
      });
    }
  }
  const removed = before.interviews.filter((interview) => !afterIds.has(interview.id));
  return { added, removed, changed, unchanged };
}

/** Whether a diff (or a reload report's summary of one) changes nothing. */
export function isEmptyDiff(diff: { readonly added: readonly unknown[]; readonly removed: readonly unknown[]; readonly changed: readonly unknown[] }): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}
