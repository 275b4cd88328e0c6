/**
 * The /content replies: the preview of a change (what it adds, replaces, restores or removes, its
 * questions and counts, the diff against the version served, its warnings, and the confirmation
 * buttons), the errors of a file that cannot be published, and the list of versions.
 */
import { ButtonStyle, type APIButtonComponentWithCustomId, type APIEmbed } from "discord-api-types/v10";
import type { InterviewDiff } from "../content/interview-diff.js";
import type { ContentError, Interview } from "../content/model.js";
import { BRAND_COLOR, ERROR_COLOR } from "./colors.js";
import { LIMITS, button, embedLength, escapeMarkdown, listWithin, message, notice, truncate } from "./message.js";
import type { MessagePayload } from "./payload.js";
import { problemLine, warningsEmbed } from "./reload.js";
import { t, type Locale } from "./strings.js";

export type PreviewKind =
  { readonly kind: "upload" } | { readonly kind: "rollback"; readonly version: string } | { readonly kind: "remove" };

export interface PreviewInput {
  readonly change: PreviewKind;
  readonly id: string;
  /** The interview after the change; undefined for a removal. */
  readonly interview: Interview | undefined;
  /** The interview served under that id now, if any. */
  readonly served: Interview | undefined;
  readonly diff: InterviewDiff;
  readonly warnings: readonly ContentError[];
  /** The change would write nothing new: no confirmation is offered. */
  readonly unchanged: boolean;
  /** The address of the previewed file, kept in the embed so that Publish can fetch it again. */
  readonly fileUrl?: string;
  /** The confirming button's custom id (and the cancel button's); absent when there is nothing to confirm. */
  readonly confirmId?: string;
  readonly cancelId?: string;
  /** When the buttons expire, Unix seconds. */
  readonly expiresAt: number;
}

function titleOf({ change, interview, served, id }: PreviewInput, locale: Locale): string {
  const title = truncate((interview ?? served)?.title ?? id, 150);
  switch (change.kind) {
    case "upload":
      return t(locale, served === undefined ? "content.previewAdd" : "content.previewReplace", { title });
    case "rollback":
      return t(locale, "content.previewRollback", { title, version: change.version.slice(0, 12) });
    case "remove":
      return t(locale, "content.previewRemove", { title });
  }
}

const numbers = (list: readonly number[], locale: Locale): string =>
  list.length === 0 ? t(locale, "content.none") : truncate(list.join(", "), 200);

/** The preview of a change, with Publish (or Roll back, Remove) and Cancel when there is something to confirm. */
export function renderPreview(input: PreviewInput, locale: Locale): MessagePayload {
  const shown = input.interview ?? input.served;
  const more = (count: number): string => t(locale, "reload.moreErrors", { count });
  const fields: NonNullable<APIEmbed["fields"]> = [];
  if (input.interview !== undefined) {
    const questions = input.interview.questions.map(
      (question) => `${question.number}. ${escapeMarkdown(truncate(question.title, 90))}`,
    );
    fields.push({
      name: `${t(locale, "content.questions")} (${questions.length})`,
      value:
        questions.length === 0 ? t(locale, "questions.empty") : listWithin(questions, LIMITS.embedFieldValue, more),
    });
  }
  const { diff } = input;
  fields.push({
    name: t(locale, "content.changes"),
    value:
      input.served === undefined
        ? t(locale, "content.newInterview", { id: input.id })
        : t(locale, "content.diff", {
            added: numbers(diff.questionsAdded, locale),
            removed: numbers(diff.questionsRemoved, locale),
            changed: numbers(diff.questionsChanged, locale),
            plus: diff.linesAdded,
            minus: diff.linesRemoved,
          }),
  });
  const counts = shown
    ? t(locale, "content.counts", {
        id: shown.id,
        questions: shown.questions.length,
        lines: shown.lines.length,
        speakers: shown.speakers.length,
      })
    : "";
  const confirmable = !input.unchanged && input.confirmId !== undefined;
  const footer = input.unchanged
    ? t(locale, "content.unchanged")
    : confirmable
      ? t(locale, "content.confirm", { when: `<t:${input.expiresAt}:R>` })
      : "";
  const embed: APIEmbed = {
    title: titleOf(input, locale),
    description: [counts, footer].filter((part) => part !== "").join("\n\n"),
    color: BRAND_COLOR,
    fields,
    ...(input.fileUrl !== undefined && input.fileUrl.length <= 2048 ? { url: input.fileUrl } : {}),
  };
  const embeds =
    input.warnings.length === 0 ? [embed] : [embed, warningsEmbed(input.warnings, embedLength(embed), locale)];
  const buttons: APIButtonComponentWithCustomId[] = [];
  if (confirmable && input.confirmId !== undefined) {
    const label =
      input.change.kind === "upload"
        ? "button.publish"
        : input.change.kind === "rollback"
          ? "button.rollback"
          : "button.remove";
    const style = input.change.kind === "remove" ? ButtonStyle.Danger : ButtonStyle.Success;
    buttons.push(button(input.confirmId, t(locale, label), { style }));
    if (input.cancelId !== undefined) buttons.push(button(input.cancelId, t(locale, "button.cancel")));
  }
  return message({ embeds, buttons, ephemeral: true });
}

/** Why a file cannot be published: every error (and warning); nothing was written. */
export function renderInvalid(
  errors: readonly ContentError[],
  warnings: readonly ContentError[],
  locale: Locale,
): MessagePayload {
  const intro = t(locale, "content.invalidIntro", { count: errors.length });
  const more = (count: number): string => t(locale, "reload.moreErrors", { count });
  const list = listWithin(errors.map(problemLine), LIMITS.embedDescription - intro.length - 1, more);
  const embed: APIEmbed = {
    title: t(locale, "content.invalidTitle"),
    description: `${intro}\n${list}`,
    color: ERROR_COLOR,
  };
  const embeds = warnings.length === 0 ? [embed] : [embed, warningsEmbed(warnings, embedLength(embed), locale)];
  return message({ embeds, ephemeral: true });
}

export interface VersionLine {
  readonly commit: string;
  readonly time: number;
  readonly authorName: string;
  readonly authorId: string | undefined;
  readonly subject: string;
}

/** The newest versions: when, who (named, never pinged), what changed, and the version to roll back to. */
export function renderHistory(
  versions: readonly VersionLine[],
  what: string | undefined,
  locale: Locale,
): MessagePayload {
  if (versions.length === 0) return notice(t(locale, "content.historyEmpty"));
  const lines = versions.map((version) => {
    const who =
      escapeMarkdown(truncate(version.authorName, 60)) +
      (version.authorId === undefined ? "" : ` (${version.authorId})`);
    return `\`${version.commit.slice(0, 12)}\` <t:${version.time}:f> · ${who}\n${escapeMarkdown(truncate(version.subject, 200))}`;
  });
  const more = (count: number): string => t(locale, "reload.moreErrors", { count });
  const embed: APIEmbed = {
    title:
      what === undefined
        ? t(locale, "content.historyAll")
        : t(locale, "content.historyTitle", { what: truncate(what, 150) }),
    description: listWithin(lines, LIMITS.embedDescription, more),
    footer: { text: t(locale, "content.historyHint") },
    color: BRAND_COLOR,
  };
  return message({ embeds: [embed], ephemeral: true });
}
