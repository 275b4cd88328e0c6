/**
 * Permalinks: where each interview, question and transcript line lives on the web pages (src/web), and the
 * "Read in context" link button that /quote and /summary replies carry when PUBLIC_URL is set. One home
 * for the addresses, so the pages and the buttons cannot disagree on an anchor.
 */
import { ButtonStyle, ComponentType, type APIButtonComponentWithURL } from "discord-api-types/v10";
import type { MessagePayload } from "./payload.js";
import { t, type Locale } from "./strings.js";

/** A place on an interview's page: one transcript line, or one question's section. */
export type PagePlace = { readonly interviewId: string } & (
  { readonly line: number; readonly question?: never } | { readonly question: number; readonly line?: never }
);

/** Discord refuses a link button whose URL is longer. */
const MAX_BUTTON_URL = 512;
/** Discord allows five action rows in a message. */
const MAX_ROWS = 5;

/** An interview's page, relative to the site's root (no leading slash, so the site may live under a path). */
export function interviewPath(interviewId: string): string {
  return `interviews/${encodeURIComponent(interviewId)}`;
}

/** The `id` of a transcript line's element: numbers are stable for a given file (content/model.ts). */
export function lineAnchor(line: number): string {
  return `line-${line}`;
}

export function questionAnchor(question: number): string {
  return `question-${question}`;
}

/** The address of `place` under `publicUrl` (no trailing slash). */
export function permalink(publicUrl: string, place: PagePlace): string {
  const anchor = place.line !== undefined ? lineAnchor(place.line) : questionAnchor(place.question);
  return `${publicUrl}/${interviewPath(place.interviewId)}#${anchor}`;
}

/**
 * `payload` with a row holding a "Read in context" link to `place`, when the pages have a public address
 * (PUBLIC_URL); unchanged without one, or when the link would not fit Discord's limits.
 */
export function withReadInContext(
  payload: MessagePayload,
  publicUrl: string | undefined,
  place: PagePlace,
  locale: Locale,
): MessagePayload {
  if (publicUrl === undefined) return payload;
  const url = permalink(publicUrl, place);
  const rows = payload.components ?? [];
  if (url.length > MAX_BUTTON_URL || rows.length >= MAX_ROWS) return payload;
  const link: APIButtonComponentWithURL = {
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    label: t(locale, "button.readInContext"),
    url,
  };
  return { ...payload, components: [...rows, { type: ComponentType.ActionRow, components: [link] }] };
}
