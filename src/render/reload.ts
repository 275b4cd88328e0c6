/** The /reload reply: what changed, or every error and the words "nothing was changed". */
import type { APIEmbed } from "discord-api-types/v10";
import { isEmptyDiff } from "../content/library.js";
import { formatContentError } from "../content/model.js";
import type { ReloadOutcome } from "../content/store.js";
import type { MessagePayload } from "../interaction.js";
import { ERROR_COLOR, SUCCESS_COLOR } from "./colors.js";
import { LIMITS, escapeMarkdown, message, truncate } from "./message.js";
import { t, type Locale } from "./strings.js";

/** Joins lines until the next would pass `max`, then says how many were left out. */
function listWithin(lines: readonly string[], max: number, more: (count: number) => string): string {
  let text = "";
  for (const [index, line] of lines.entries()) {
    const next = text === "" ? line : `${text}\n${line}`;
    const rest = lines.length - index;
    // Keep room for the "…and N more" line.
    if (next.length > max - 40) return `${text}\n${more(rest)}`;
    text = next;
  }
  return text;
}

export function renderReload(outcome: ReloadOutcome, locale: Locale): MessagePayload {
  if (!outcome.ok) {
    const intro = t(locale, "reload.failedIntro", { count: outcome.errors.length });
    const errors = outcome.errors.map((error) => `• \`${truncate(formatContentError(error), 300).replace(/`/g, "'")}\``);
    const description = `${intro}\n${listWithin(errors, LIMITS.embedDescription - intro.length - 1, (count) => t(locale, "reload.moreErrors", { count }))}`;
    return message({ embeds: [{ title: t(locale, "reload.failedTitle"), description, color: ERROR_COLOR }], ephemeral: true });
  }
  const { diff, stats } = outcome;
  const totals = { interviews: stats.interviews, questions: stats.questions, lines: stats.lines };
  if (isEmptyDiff(diff)) {
    return message({ embeds: [{ title: t(locale, "reload.doneTitle"), description: t(locale, "reload.noChange", totals), color: SUCCESS_COLOR }], ephemeral: true });
  }
  const more = (count: number): string => t(locale, "reload.moreErrors", { count });
  const fields: NonNullable<APIEmbed["fields"]> = [];
  const named = (title: string, id: string): string => `${escapeMarkdown(truncate(title, 150))} (\`${id}\`)`;
  if (diff.added.length > 0) {
    const lines = diff.added.map((i) => `+ ${t(locale, "reload.addedLine", { title: named(i.title, i.id), questions: i.questions.length, lines: i.lines.length })}`);
    fields.push({ name: `${t(locale, "reload.added")} (${diff.added.length})`, value: listWithin(lines, LIMITS.embedFieldValue, more) });
  }
  if (diff.removed.length > 0) {
    const lines = diff.removed.map((i) => `− ${named(i.title, i.id)}`);
    fields.push({ name: `${t(locale, "reload.removed")} (${diff.removed.length})`, value: listWithin(lines, LIMITS.embedFieldValue, more) });
  }
  if (diff.changed.length > 0) {
    const lines = diff.changed.map((change) =>
      t(locale, "reload.changedLine", {
        title: named(change.title, change.id),
        q0: change.questions[0],
        q1: change.questions[1],
        l0: change.lines[0],
        l1: change.lines[1],
      }),
    );
    fields.push({ name: `${t(locale, "reload.changed")} (${diff.changed.length})`, value: listWithin(lines, LIMITS.embedFieldValue, more) });
  }
  return message({
    embeds: [{ title: t(locale, "reload.doneTitle"), description: t(locale, "reload.totals", totals), color: SUCCESS_COLOR, fields }],
    ephemeral: true,
  });
}
