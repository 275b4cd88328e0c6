/**
 * Building blocks for every reply: Discord's limits, safe truncation, Markdown escaping, and the one
 * function that makes a message payload — so no reply can forget `allowed_mentions` or overflow a limit.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
  type APIButtonComponentWithURL,
  type APIComponentInContainer,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from "discord-api-types/v10";
import { ELLIPSIS } from "../search/snippet.js";
import type { MessagePayload } from "./payload.js";
import { t, type Locale } from "./strings.js";

/** Discord's documented limits, in UTF-16 code units as Discord counts them. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFields: 25,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Components V2: the text of every text display together, and components counted at every depth. */
  cardText: 4000,
  cardComponents: 40,
  /** A link button's address. */
  linkButtonUrl: 512,
} as const;

/** Cuts `text` to at most `max` code units, ending with … when cut, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - ELLIPSIS.length;
  // Do not leave the high half of a surrogate pair dangling.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, Math.max(0, end)) + ELLIPSIS;
}

/** Escapes Markdown so content shows as written (`*`, `_`, `~`, `|`, `` ` ``, `>`, `#`, `-`, `[`, `\`). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~|`[\]]/g, "\\$&").replace(/^([>#-])/gm, "\\$1");
}

/**
 * Escapes `text` and wraps each matched range in **bold**. `ranges` are [start, end) offsets into `text`.
 */
export function highlight(text: string, ranges: readonly (readonly [number, number])[]): string {
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end <= start || end > text.length) continue;
    out += escapeMarkdown(text.slice(at, start)) + "**" + escapeMarkdown(text.slice(start, end)) + "**";
    at = end;
  }
  return out + escapeMarkdown(text.slice(at));
}

/** Joins lines (one per line) until the next would pass `max`, then says how many were left out. */
export function listWithin(lines: readonly string[], max: number, more: (count: number) => string): string {
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

export interface MessageParts {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly buttons?: readonly APIButtonComponentWithCustomId[];
  readonly ephemeral?: boolean;
}

/** Discord trims field names and values and refuses empty ones; a zero-width space stands in. */
function visible(text: string): string {
  return text.trim() === "" ? "\u200b" : text;
}

/** Clamps every embed text to Discord's limits, keeping the total under 6,000. */
function clampEmbed(embed: APIEmbed): APIEmbed {
  const clamped: APIEmbed = { ...embed };
  if (embed.title !== undefined) clamped.title = truncate(embed.title, LIMITS.embedTitle);
  if (embed.description !== undefined) clamped.description = truncate(embed.description, LIMITS.embedDescription);
  if (embed.footer) clamped.footer = { ...embed.footer, text: truncate(embed.footer.text, LIMITS.embedFooter) };
  if (embed.author) clamped.author = { ...embed.author, name: truncate(embed.author.name, LIMITS.embedAuthor) };
  if (embed.fields) {
    clamped.fields = embed.fields.slice(0, LIMITS.embedFields).map((field) => ({
      ...field,
      name: visible(truncate(field.name, LIMITS.embedFieldName)),
      value: visible(truncate(field.value, LIMITS.embedFieldValue)),
    }));
  }
  const overflow = embedLength(clamped) - LIMITS.embedTotal;
  if (overflow > 0 && clamped.description !== undefined) {
    clamped.description = truncate(clamped.description, Math.max(0, clamped.description.length - overflow));
  }
  return clamped;
}

export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

type ButtonColor = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

export function button(
  customId: string,
  label: string,
  options: { disabled?: boolean; style?: ButtonColor } = {},
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: truncate(label, LIMITS.buttonLabel),
    style: options.style ?? ButtonStyle.Secondary,
    disabled: options.disabled ?? false,
  };
}

/** The only way replies are made: every payload pings no one and fits Discord's limits. */
export function message(parts: MessageParts): MessagePayload {
  const payload: MessagePayload = { allowed_mentions: { parse: [] } };
  if (parts.content !== undefined) payload.content = truncate(parts.content, LIMITS.content);
  if (parts.embeds !== undefined) payload.embeds = parts.embeds.map(clampEmbed);
  // Buttons whose id cannot carry their state are left out rather than sent broken.
  const buttons = (parts.buttons ?? []).filter((b) => b.custom_id.length <= LIMITS.customId).slice(0, 5);
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] =
    buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  payload.components = rows;
  if (parts.ephemeral === true) payload.flags = MessageFlags.Ephemeral;
  return payload;
}

/** Whether a message is laid out with Components V2 (no `content` or `embeds`: its text is in the components). */
export function isComponentsV2(payload: MessagePayload): boolean {
  return ((payload.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;
}

/**
 * A public reply addressed to the member a user chose (`for:`): it starts by naming them, and pings that one
 * member (never roles or everyone) unless `ping` is false. Anything but a user id leaves the reply as it was.
 */
export function addressedTo(payload: MessagePayload, userId: string, locale: Locale, ping = true): MessagePayload {
  if (!/^\d{15,21}$/.test(userId)) return payload;
  const greeting = t(locale, "reply.for", { user: `<@${userId}>` });
  const addressed: MessagePayload = {
    ...payload,
    allowed_mentions: ping ? { parse: [], users: [userId] } : { parse: [] },
  };
  if (isComponentsV2(payload))
    return {
      ...addressed,
      components: [{ type: ComponentType.TextDisplay, content: greeting }, ...(payload.components ?? [])],
    };
  const content = payload.content ? `${greeting}\n${payload.content}` : greeting;
  return { ...addressed, content: truncate(content, LIMITS.content) };
}

export interface CardParts {
  readonly accentColor: number;
  /** Text displays, in order (Markdown). */
  readonly texts: readonly string[];
  /** One row of buttons under the texts: custom-id buttons and link buttons. */
  readonly buttons?: readonly APIButtonComponent[];
}

/**
 * A message laid out with Components V2 (`IS_COMPONENTS_V2`): one container with an accent colour holding
 * text displays and a row of buttons. Like `message()`, it pings no one and fits every limit of the format:
 * the texts together at most 4,000 characters (the longest is cut), at most 40 components.
 */
export function card(parts: CardParts): MessagePayload {
  const texts = [...parts.texts];
  let overflow = texts.reduce((sum, text) => sum + text.length, 0) - LIMITS.cardText;
  while (overflow > 0) {
    const longest = texts.reduce((at, text, i) => (text.length > (texts[at]?.length ?? 0) ? i : at), 0);
    const text = texts[longest] ?? "";
    texts[longest] = truncate(text, Math.max(0, text.length - overflow));
    overflow -= text.length - (texts[longest]?.length ?? 0);
    if (text.length === 0) break;
  }
  const buttons = (parts.buttons ?? []).filter(fitsButton).slice(0, 5);
  const children: APIComponentInContainer[] = texts
    .filter((text) => text.trim() !== "")
    .map((content) => ({ type: ComponentType.TextDisplay, content }));
  if (buttons.length > 0) children.push({ type: ComponentType.ActionRow, components: buttons });
  return {
    allowed_mentions: { parse: [] },
    flags: MessageFlags.IsComponentsV2,
    components: [{ type: ComponentType.Container, accent_color: parts.accentColor, components: children }],
  };
}

/** A button Discord takes: a custom id of at most 100 characters, or a link of at most 512. */
function fitsButton(button: APIButtonComponent): boolean {
  if ("custom_id" in button) return button.custom_id.length <= LIMITS.customId;
  return "url" in button && button.url.length <= LIMITS.linkButtonUrl;
}

/** A button that opens `url` (Discord's link style): no custom id, nothing for the bot to answer. */
export function linkButton(url: string, label: string): APIButtonComponentWithURL {
  return { type: ComponentType.Button, style: ButtonStyle.Link, url, label: truncate(label, LIMITS.buttonLabel) };
}

/**
 * A reply made private, with `why` first: shown only to the member, pinging no one (a card keeps its layout).
 */
export function privately(payload: MessagePayload, why: string): MessagePayload {
  const flags = (payload.flags ?? 0) | MessageFlags.Ephemeral;
  const quiet: MessagePayload = { ...payload, flags, allowed_mentions: { parse: [] } };
  if (isComponentsV2(payload))
    return {
      ...quiet,
      components: [{ type: ComponentType.TextDisplay, content: `-# ${why}` }, ...(payload.components ?? [])],
    };
  return { ...quiet, content: truncate(payload.content ? `*${why}*\n${payload.content}` : `*${why}*`, LIMITS.content) };
}

/** A private, plain-text answer to a user's mistake: not found, bad input, no permission. */
export function notice(text: string): MessagePayload {
  return message({ content: text, ephemeral: true });
}
