/**
 * The boundary between Discord and the pure core: a raw interaction (as the gateway dispatches it, or as
 * Discord POSTs it in HTTP mode) becomes a plain object, and handlers answer with a plain response that
 * each transport turns into an interaction callback.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
} from "discord-api-types/v10";
import type { MessagePayload } from "../render/payload.js";
import { localeOf, type Locale } from "../render/strings.js";
import type { UsageNote } from "../stats/usage.js";

export type OptionValue = string | number | boolean;

interface InteractionBase {
  readonly id: string;
  readonly locale: Locale;
  readonly userId: string;
  readonly userName: string;
  /** Undefined in direct messages. */
  readonly guildId: string | undefined;
  /** Where it was used (a server channel, a DM, a private channel), when Discord says. */
  readonly channelId?: string | undefined;
  /** The member's permissions in the channel (a decimal bit set), when in a server. */
  readonly memberPermissions: bigint | undefined;
  readonly memberRoles: readonly string[];
}

/** A file attached to a command's attachment option, as Discord describes it in `data.resolved`. */
export interface AttachedFile {
  readonly id: string;
  readonly filename: string;
  /** In bytes, as Discord reports it (the download is checked again). */
  readonly size: number;
  /** Where Discord serves it (a signed CDN address). */
  readonly url: string;
}

export interface CommandInteraction extends InteractionBase {
  readonly kind: "command";
  readonly command: string;
  /** The subcommand chosen (`/content upload` → "upload"); undefined for a command without subcommands. */
  readonly subcommand?: string | undefined;
  readonly options: Readonly<Record<string, OptionValue>>;
  /** A message command (Apps → …): the message it was used on, as Discord resolved it. */
  readonly targetMessage?: { readonly id: string; readonly content: string };
  /** The files of attachment options, by the attachment id that is the option's value. */
  readonly attachments?: Readonly<Record<string, AttachedFile>>;
}

export interface AutocompleteInteraction extends InteractionBase {
  readonly kind: "autocomplete";
  readonly command: string;
  /** The subcommand being filled in (`/content remove` → "remove"); undefined for a command without subcommands. */
  readonly subcommand?: string | undefined;
  readonly options: Readonly<Record<string, OptionValue>>;
  /** The option the user is typing in, and what they typed so far. */
  readonly focused: { readonly name: string; readonly value: string };
}

export interface ButtonInteraction extends InteractionBase {
  readonly kind: "button";
  readonly customId: string;
  /** Whether the message holding the button is only visible to the user. */
  readonly ephemeral: boolean;
  /** Who used the interaction that posted the message holding the button (its poster), when Discord says. */
  readonly postedBy?: string | undefined;
  /** The link of the first embed of the message holding the button (a preview keeps its file's address there). */
  readonly messageEmbedUrl?: string | undefined;
  /** The member the message holding the button is addressed to (`for:`), read from the greeting it starts with. */
  readonly addressee?: string | undefined;
}

export type PlainInteraction = CommandInteraction | AutocompleteInteraction | ButtonInteraction;

export type InteractionResponse =
  /**
   * A new message (callback type 4); `rejected` when it kindly refuses the user's input. `usage`: what it
   * showed, for the usage statistics.
   */
  | {
      readonly kind: "message";
      readonly message: MessagePayload;
      readonly rejected?: boolean;
      readonly usage?: UsageNote;
    }
  /** Replace the message holding the pressed button (callback type 7). */
  | { readonly kind: "update"; readonly message: MessagePayload; readonly usage?: UsageNote }
  /** Autocomplete choices (callback type 8). */
  | { readonly kind: "choices"; readonly choices: readonly APIApplicationCommandOptionChoice[] }
  /**
   * Acknowledge now (callback type 5), then edit the original message with what `work` returns. With
   * `update` (a button press only), acknowledge with type 6 and edit the message holding the button instead.
   */
  | {
      readonly kind: "deferred";
      readonly ephemeral: boolean;
      readonly update?: boolean;
      readonly work: () => Promise<MessagePayload>;
    }
  /** Delete the message holding the pressed button (callback type 6, then the webhook DELETE). */
  | { readonly kind: "delete" };

const MESSAGE_FLAG_EPHEMERAL = 1 << 6;

/** Flattens options, including those of subcommands, into name → value. */
function flattenOptions(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): {
  values: Record<string, OptionValue>;
  focused: { name: string; value: string } | undefined;
  subcommand: string | undefined;
} {
  const values: Record<string, OptionValue> = {};
  let focused: { name: string; value: string } | undefined;
  let subcommand: string | undefined;
  // Typed as Discord sends them, but read as anything: a garbled or forged payload must not throw here.
  const visit = (list: readonly unknown[], depth: number): void => {
    for (const item of list) {
      if (typeof item !== "object" || item === null) continue;
      const option = item as { type?: unknown; name?: unknown; value?: unknown; focused?: unknown; options?: unknown };
      if (
        option.type === ApplicationCommandOptionType.Subcommand ||
        option.type === ApplicationCommandOptionType.SubcommandGroup
      ) {
        if (option.type === ApplicationCommandOptionType.Subcommand && typeof option.name === "string")
          subcommand ??= option.name;
        // Discord nests at most a group and a subcommand.
        if (depth < 2 && Array.isArray(option.options)) visit(option.options, depth + 1);
        continue;
      }
      const { name, value } = option;
      if (typeof name !== "string") continue;
      const usable = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
      if (usable) values[name] = value;
      if (option.focused === true) focused = { name, value: usable ? String(value) : "" };
    }
  };
  visit(Array.isArray(options) ? options : [], 0);
  return { values, focused, subcommand };
}

/** The attachments Discord resolved for a command's attachment options, read defensively. */
function attachmentsOf(resolved: unknown): Record<string, AttachedFile> {
  const files: Record<string, AttachedFile> = {};
  const attachments = (resolved as { attachments?: unknown } | undefined)?.attachments;
  if (typeof attachments !== "object" || attachments === null) return files;
  for (const [key, value] of Object.entries(attachments as Record<string, unknown>)) {
    const file = value as Partial<Record<keyof AttachedFile, unknown>> | null;
    if (
      typeof file?.id === "string" &&
      typeof file.filename === "string" &&
      typeof file.size === "number" &&
      typeof file.url === "string"
    )
      files[key] = { id: file.id, filename: file.filename, size: file.size, url: file.url };
  }
  return files;
}

/** The `url` of a message's first embed, when the message has one. */
function firstEmbedUrl(message: unknown): string | undefined {
  const embeds = (message as { embeds?: unknown } | undefined)?.embeds;
  const url = Array.isArray(embeds) ? (embeds[0] as { url?: unknown } | undefined)?.url : undefined;
  return typeof url === "string" ? url : undefined;
}

function parsePermissions(value: unknown): bigint | undefined {
  if (typeof value !== "string" || !/^\d{1,40}$/.test(value)) return undefined;
  return BigInt(value);
}

/**
 * The member `message` is addressed to: the mention its text starts with (`content`, or a Components V2 message's
 * first text display), which only a reply addressed with `for:` has. Read as anything.
 */
function addresseeOf(message: unknown): string | undefined {
  const { content, components } = (message ?? {}) as { content?: unknown; components?: unknown };
  const first = Array.isArray(components) ? (components[0] as { type?: unknown; content?: unknown }) : undefined;
  const text = first?.type === ComponentType.TextDisplay ? first.content : content;
  return typeof text === "string" ? /^<@!?(\d{15,21})>/.exec(text)?.[1] : undefined;
}

/** The member whose interaction posted `message` (`interaction_metadata.user`), read as anything. */
function posterOf(message: unknown): string | undefined {
  const metadata = (message as { interaction_metadata?: { user?: { id?: unknown } } } | undefined)
    ?.interaction_metadata;
  const id = metadata?.user?.id;
  return typeof id === "string" ? id : undefined;
}

/** The message a message command was used on (`data.resolved.messages[target_id]`), read as anything. */
function targetMessageOf(data: unknown): { id: string; content: string } | undefined {
  const { type, target_id: id, resolved } = data as { type?: unknown; target_id?: unknown; resolved?: unknown };
  if (type !== ApplicationCommandType.Message || typeof id !== "string") return undefined;
  const messages = (resolved as { messages?: unknown } | undefined)?.messages;
  const message =
    typeof messages === "object" && messages !== null ? (messages as Record<string, unknown>)[id] : undefined;
  const content = (message as { content?: unknown } | undefined)?.content;
  return { id, content: typeof content === "string" ? content : "" };
}

/**
 * Reads the parts of a raw interaction the handlers need. Returns undefined for interactions Verbatim
 * does not handle (pings, modals, select menus) or that are malformed.
 */
export function fromRawInteraction(raw: APIInteraction): PlainInteraction | undefined {
  const member = "member" in raw ? raw.member : undefined;
  const user = member?.user ?? ("user" in raw ? raw.user : undefined);
  if (typeof raw.id !== "string" || user === undefined || typeof user.id !== "string") return undefined;
  const base: InteractionBase = {
    id: raw.id,
    locale: localeOf("locale" in raw && typeof raw.locale === "string" ? raw.locale : undefined),
    userId: user.id,
    userName:
      typeof user.global_name === "string"
        ? user.global_name
        : typeof user.username === "string"
          ? user.username
          : user.id,
    guildId: typeof raw.guild_id === "string" ? raw.guild_id : undefined,
    channelId: typeof raw.channel_id === "string" ? raw.channel_id : undefined,
    memberPermissions: parsePermissions(member?.permissions),
    memberRoles: Array.isArray(member?.roles)
      ? member.roles.filter((role): role is string => typeof role === "string")
      : [],
  };
  switch (raw.type) {
    case InteractionType.ApplicationCommand: {
      if (typeof raw.data?.name !== "string") return undefined;
      const options = "options" in raw.data ? raw.data.options : undefined;
      const { values, subcommand } = flattenOptions(options);
      const resolved = "resolved" in raw.data ? raw.data.resolved : undefined;
      const command = {
        ...base,
        kind: "command",
        command: raw.data.name,
        subcommand,
        options: values,
        attachments: attachmentsOf(resolved),
      } as const;
      const targetMessage = targetMessageOf(raw.data);
      return targetMessage === undefined ? command : { ...command, targetMessage };
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      if (typeof raw.data?.name !== "string") return undefined;
      const { values, focused, subcommand } = flattenOptions(raw.data.options);
      if (focused === undefined) return undefined;
      return { ...base, kind: "autocomplete", command: raw.data.name, subcommand, options: values, focused };
    }
    case InteractionType.MessageComponent: {
      if (raw.data?.component_type !== ComponentType.Button || typeof raw.data.custom_id !== "string") return undefined;
      const flags = typeof raw.message?.flags === "number" ? raw.message.flags : 0;
      return {
        ...base,
        kind: "button",
        customId: raw.data.custom_id,
        ephemeral: (flags & MESSAGE_FLAG_EPHEMERAL) !== 0,
        postedBy: posterOf(raw.message),
        messageEmbedUrl: firstEmbedUrl(raw.message),
        addressee: addresseeOf(raw.message),
      };
    }
    default:
      return undefined;
  }
}
