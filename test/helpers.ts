/** Shared test helpers: plain interactions, a command context over real content, Discord's limits. */
import { expect } from "vitest";
import { commands } from "../commands/index.js";
import type { CommandContext } from "../src/interactions/command.js";
import { reloadHere } from "../src/serving/reload-report.js";
import { ContentStore, buildSnapshot } from "../src/serving/store.js";
import { loadContentDir } from "../src/content/load.js";
import type { ContentLibrary, Interview } from "../src/content/model.js";
import { parseInterview } from "../src/content/parse.js";
import { Dispatcher } from "../src/interactions/dispatch.js";
import type { InteractionResponse, OptionValue, PlainInteraction } from "../src/interactions/interaction.js";
import type { APIEmbed } from "discord-api-types/v10";
import type { MessagePayload } from "../src/render/payload.js";
import { silentLogger } from "../src/log.js";
import type { Locale } from "../src/render/strings.js";

export const SEED_ID = "altman-all-in-2024-05";

export async function seedStore(dir = "content"): Promise<ContentStore> {
  const { store, errors } = await ContentStore.open(dir);
  expect(errors).toEqual([]);
  return store;
}

/** A store over interviews parsed from Markdown texts (id → text), for edge content. */
export function storeOf(files: Record<string, string>): ContentStore {
  const interviews: Interview[] = Object.entries(files).map(([id, text]) => {
    const parsed = parseInterview(text, id, `${id}.md`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.interview;
  });
  const library: ContentLibrary = {
    interviews,
    version: "test",
    fileHashes: new Map(interviews.map((i) => [i.id, i.id])),
  };
  return new ContentStore("/nonexistent", buildSnapshot(library));
}

export function contextOf(
  store: ContentStore,
  moderatorRoleIds: readonly string[] = [],
  publicUrl?: string,
): CommandContext {
  return {
    content: store.current,
    store,
    moderatorRoleIds: new Set(moderatorRoleIds),
    log: silentLogger,
    reloadEverywhere: reloadHere(store),
    publicUrl,
  };
}

const base = {
  id: "1200000000000000001",
  userId: "1100000000000000001",
  userName: "tester",
  guildId: "1000000000000000001",
  memberPermissions: 0n as bigint | undefined,
  memberRoles: [] as readonly string[],
};

export function command(
  name: string,
  options: Record<string, OptionValue> = {},
  extra: Partial<typeof base> & { locale?: Locale } = {},
): PlainInteraction {
  return { ...base, locale: "en", ...extra, kind: "command", command: name, options };
}

export function autocomplete(
  name: string,
  focused: string,
  options: Record<string, OptionValue>,
  locale: Locale = "en",
): PlainInteraction {
  return {
    ...base,
    locale,
    kind: "autocomplete",
    command: name,
    options,
    focused: { name: focused, value: String(options[focused] ?? "") },
  };
}

export function press(customId: string, ephemeral = false, locale: Locale = "en"): PlainInteraction {
  return { ...base, locale, kind: "button", customId, ephemeral };
}

const dispatcher = new Dispatcher(commands);

/** Runs an interaction through the real dispatcher; deferred work is awaited so tests see the final message. */
export async function run(interaction: PlainInteraction, context: CommandContext): Promise<InteractionResponse> {
  const { response } = await dispatcher.dispatch(interaction, context);
  if (response.kind === "message" || response.kind === "update") expectWithinLimits(response.message);
  if (response.kind === "choices") expectChoicesWithinLimits(response.choices);
  return response;
}

export function messageOf(response: InteractionResponse): MessagePayload {
  if (response.kind !== "message" && response.kind !== "update")
    throw new Error(`expected a message, got ${response.kind}`);
  return response.message;
}

export async function deferredMessage(response: InteractionResponse): Promise<MessagePayload> {
  if (response.kind !== "deferred") throw new Error(`expected a deferred response, got ${response.kind}`);
  const message = await response.work();
  expectWithinLimits(message);
  return message;
}

interface ReplyButton {
  custom_id?: string;
  url?: string;
  label: string;
  disabled: boolean;
  style: number;
}

/** Every button of a message: in its action rows, or anywhere in a Components V2 layout. */
function allButtonsOf(message: MessagePayload): ReplyButton[] {
  const found: ReplyButton[] = [];
  const visit = (component: unknown): void => {
    if (typeof component !== "object" || component === null) return;
    const { type, components } = component as { type?: unknown; components?: unknown };
    if (type === 2) found.push(component as ReplyButton);
    if (Array.isArray(components)) components.forEach(visit);
  };
  (message.components ?? []).forEach(visit);
  return found;
}

/** The buttons that come back to the bot when pressed (link buttons open a page instead: `linksOf`). */
export function buttonsOf(
  message: MessagePayload,
): { custom_id: string; label: string; disabled: boolean; style: number }[] {
  return allButtonsOf(message).filter((b): b is ReplyButton & { custom_id: string } => b.custom_id !== undefined);
}

/** The link buttons of a message: label and address. */
export function linksOf(message: MessagePayload): { label: string; url: string }[] {
  return allButtonsOf(message).flatMap((b) => (b.url === undefined ? [] : [{ label: b.label, url: b.url }]));
}

/** Every Discord limit a message payload must respect, and no mention that pings. */
export function expectWithinLimits(message: MessagePayload): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(2000);
  for (const embed of message.embeds ?? []) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    let total =
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(1024);
      total += field.name.length + field.value.length;
    }
    expect(total).toBeLessThanOrEqual(6000);
  }
  expect(message.components?.length ?? 0).toBeLessThanOrEqual(5);
  for (const link of linksOf(message)) {
    expect(link.url).toMatch(/^https?:\/\//);
    expect(link.url.length).toBeLessThanOrEqual(512);
    expect(link.label.length).toBeLessThanOrEqual(80);
  }
  const buttons = buttonsOf(message);
  expect(buttons.length).toBeLessThanOrEqual(5);
  expect(new Set(buttons.map((b) => b.custom_id)).size).toBe(buttons.length);
  for (const b of buttons) {
    expect(b.custom_id.length).toBeLessThanOrEqual(100);
    expect(b.label.length).toBeLessThanOrEqual(80);
  }
}

export function expectChoicesWithinLimits(choices: readonly { name: string; value: string | number }[]): void {
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const choice of choices) {
    expect(choice.name.length).toBeGreaterThanOrEqual(1);
    expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(String(choice.value).length).toBeLessThanOrEqual(100);
  }
}

export async function loadSeedLibrary(): Promise<ContentLibrary> {
  return (await loadContentDir("content")).library;
}

/**
 * What a reply (any message body) shows, read the same way from an embed or from a quote card (Components V2): the card's
 * texts are the quote (`>>> …`: description), who said it in which interview (`— **speaker**, *title*`:
 * title and author) and the line's place (`-# …`: footer).
 */
export function shown(body: unknown): APIEmbed | undefined {
  const message = (body ?? {}) as { embeds?: APIEmbed[]; components?: unknown[] };
  const [embed] = message.embeds ?? [];
  if (embed !== undefined || (message.components ?? []).length === 0) return embed;
  const texts: string[] = [];
  const visit = (component: unknown): void => {
    const { type, content, components } = component as { type?: unknown; content?: unknown; components?: unknown };
    if (type === 10 && typeof content === "string") texts.push(content);
    if (Array.isArray(components)) components.forEach(visit);
  };
  (message.components ?? []).forEach(visit);
  const quote = texts.find((text) => text.startsWith(">>> "));
  const who = /^— \*\*(.*)\*\*, \*?\[?(.*?)\]?(?:\(<.*>\))?\*?$/s.exec(
    texts.find((text) => text.startsWith("— ")) ?? "",
  );
  const footer = texts.find((text) => text.startsWith("-# "));
  return {
    ...(quote === undefined ? {} : { description: quote.slice(4) }),
    ...(who ? { title: who[1], author: { name: who[2] ?? "" } } : {}),
    ...(footer === undefined ? {} : { footer: { text: footer.slice(3) } }),
  };
}

/**
 * Everything a message shows as text: its content, then each embed's title, description and fields. A posted
 * quote card (Components V2) is read as the embed it replaces (`shown`).
 */
export function textShown(data: unknown): string {
  const message = (data ?? {}) as { content?: string; embeds?: APIEmbed[] };
  const card = shown(data);
  const embeds = message.embeds?.length ? message.embeds : card === undefined ? [] : [card];
  return [
    message.content ?? "",
    ...embeds.flatMap((embed) => [
      embed.title ?? "",
      embed.description ?? "",
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
  ].join("\n");
}
