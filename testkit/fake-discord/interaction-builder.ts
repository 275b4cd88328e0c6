/**
 * Builds realistic raw INTERACTION_CREATE data from a short spec: slash commands (with the registered
 * command's id and option types when the bot has registered it), autocomplete and button presses, in a
 * guild (a member with roles and computed permissions) or in a DM.
 */
import { randomBytes } from "node:crypto";
import type { FakeAttachment } from "./attachments.js";
import type { CommandStore } from "./commands.js";
import type { FakeGuild } from "./guilds.js";
import { botMessage } from "./messages.js";
import type { InteractionPayload, RawCommandOption, RawMessage, RawUser } from "./payloads.js";
import { BOT_CHANNEL_PERMISSIONS, memberPermissions } from "./permissions.js";
import { snowflake } from "./snowflakes.js";
import { DEFAULT_USER, MEMBER_DEFAULTS } from "./users.js";

interface InteractionCommon {
  /** Default: the first guild. Ignored with `dm`. */
  guildId?: string;
  /** Default: the guild's first channel (or a new DM channel id). */
  channelId?: string;
  /** A DM with the bot: `user` instead of `member`, no guild, `context: 1`. */
  dm?: boolean;
  user?: Partial<RawUser>;
  /** Member role ids. */
  roles?: string[];
  /** Member permissions; default computed from @everyone and `roles` (Administrator → all). */
  permissions?: bigint | string;
  appPermissions?: bigint | string;
  locale?: string;
  /** Shallow-merged over the built payload last (fuzzing: add, replace, or set undefined to drop). */
  overrides?: Record<string, unknown>;
}

export type OptionInput = Record<string, string | number | boolean> | RawCommandOption[];

export type InteractionSpec =
  | ({
      kind: "command";
      name: string;
      options?: OptionInput;
      subcommand?: string;
      subcommandGroup?: string;
      /** Files attached to attachment options (`fake.addAttachment`): `data.resolved.attachments`. */
      attachments?: FakeAttachment[];
    } & InteractionCommon)
  | ({
      kind: "autocomplete";
      name: string;
      /** Name of the focused option. */
      focused: string;
      /** What the user has typed so far. */
      value: string;
      options?: OptionInput;
      subcommand?: string;
      subcommandGroup?: string;
    } & InteractionCommon)
  | ({ kind: "button"; customId: string; message?: RawMessage } & InteractionCommon);

/** What an interaction is built from besides its spec. */
export interface InteractionWorld {
  /** The bot user; its id is the application id. */
  readonly bot: RawUser;
  readonly guilds: readonly FakeGuild[];
  readonly commands: CommandStore;
}

/**
 * The raw payload for `spec`; for a button without a `message`, also the plausible earlier bot message
 * that carries it (the caller keeps it, so the press can update it).
 */
export function buildInteraction(
  spec: InteractionSpec,
  world: InteractionWorld,
): { payload: InteractionPayload; madeMessage?: RawMessage } {
  const id = snowflake();
  const guild = spec.dm ? undefined : (world.guilds.find((g) => g.id === spec.guildId) ?? world.guilds[0]);
  if (!spec.dm && !guild) throw new Error("fake-discord: no guild for a guild interaction");
  const user: RawUser = { ...DEFAULT_USER, ...spec.user };
  const channelId = spec.channelId ?? guild?.channels[0]?.id ?? snowflake();
  const payload: InteractionPayload = {
    id,
    application_id: world.bot.id,
    type: spec.kind === "command" ? 2 : spec.kind === "autocomplete" ? 4 : 3,
    // Shaped like Discord's: base64 of "interaction:<id>:<secret>" (so no characters to escape).
    token: Buffer.from(`interaction:${id}:${randomBytes(48).toString("base64url")}`).toString("base64url"),
    version: 1,
    locale: spec.locale ?? "en-US",
    app_permissions: String(spec.appPermissions ?? BOT_CHANNEL_PERMISSIONS),
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (guild) {
    const channel = guild.channels.find((c) => c.id === channelId) ?? { id: channelId, name: "channel", type: 0 };
    const roles = spec.roles ?? [];
    Object.assign(payload, {
      guild_id: guild.id,
      guild: { id: guild.id, locale: "en-US", features: [] },
      guild_locale: "en-US",
      channel_id: channel.id,
      channel: {
        id: channel.id,
        type: channel.type,
        guild_id: guild.id,
        name: channel.name,
        position: 0,
        parent_id: null,
        topic: null,
        nsfw: false,
        flags: 0,
        last_message_id: null,
        rate_limit_per_user: 0,
        permissions: String(spec.appPermissions ?? BOT_CHANNEL_PERMISSIONS),
      },
      member: {
        user,
        roles,
        permissions: String(spec.permissions ?? memberPermissions(guild, roles)),
        ...MEMBER_DEFAULTS,
        banner: null,
        unusual_dm_activity_until: null,
      },
      authorizing_integration_owners: { "0": guild.id },
      context: 0,
    });
  } else {
    Object.assign(payload, {
      user,
      channel_id: channelId,
      channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [user] },
      authorizing_integration_owners: { "0": "0" },
      context: 1,
    });
  }
  let madeMessage: RawMessage | undefined;
  if (spec.kind === "button") {
    payload.data = { custom_id: spec.customId, component_type: 2 };
    if (!spec.message) madeMessage = buttonMessage(payload, spec.customId, world.bot);
    payload.message = spec.message ?? madeMessage;
  } else {
    payload.data = commandData(spec, guild?.id, world.commands);
  }
  if (spec.overrides) {
    for (const [key, value] of Object.entries(spec.overrides)) {
      if (value === undefined) delete payload[key];
      else payload[key] = value;
    }
  }
  return madeMessage ? { payload, madeMessage } : { payload };
}

/** A plausible earlier bot message carrying the pressed button. */
function buttonMessage(payload: InteractionPayload, customId: string, bot: RawUser): RawMessage {
  const message = botMessage(payload, { content: "", components: [] }, 0, bot);
  message.components = [
    { type: 1, id: 1, components: [{ type: 2, id: 2, style: 1, label: "Button", custom_id: customId }] },
  ];
  return message;
}

function commandData(
  spec: Extract<InteractionSpec, { kind: "command" | "autocomplete" }>,
  guildId: string | undefined,
  commands: CommandStore,
): Record<string, unknown> {
  // Use the registered command's id and option types when the bot has registered it.
  const registered = commands.chatInput(spec.name, guildId);
  let definitionOptions = (registered?.options as Record<string, unknown>[] | undefined) ?? [];
  for (const name of [spec.subcommandGroup, spec.subcommand]) {
    if (!name) continue;
    const nested = definitionOptions.find((o) => o.name === name);
    definitionOptions = (nested?.options as Record<string, unknown>[] | undefined) ?? [];
  }
  const typeOf = (name: string, value: string | number | boolean): number => {
    const declared = definitionOptions.find((o) => o.name === name)?.type;
    if (typeof declared === "number") return declared;
    return typeof value === "boolean" ? 5 : typeof value === "number" ? (Number.isInteger(value) ? 4 : 10) : 3;
  };
  let options: RawCommandOption[] = Array.isArray(spec.options)
    ? structuredClone(spec.options)
    : Object.entries(spec.options ?? {}).map(([name, value]) => ({ name, type: typeOf(name, value), value }));
  if (spec.kind === "autocomplete") {
    options = options.filter((o) => o.name !== spec.focused);
    options.push({ name: spec.focused, type: typeOf(spec.focused, spec.value), value: spec.value, focused: true });
  }
  if (spec.subcommand) options = [{ name: spec.subcommand, type: 1, options }];
  if (spec.subcommandGroup) options = [{ name: spec.subcommandGroup, type: 2, options }];
  const attachments = spec.kind === "command" ? (spec.attachments ?? []) : [];
  return {
    id: registered?.id ?? snowflake(),
    name: spec.name,
    type: 1,
    ...(options.length > 0 ? { options } : {}),
    ...(attachments.length > 0
      ? { resolved: { attachments: Object.fromEntries(attachments.map((file) => [file.id, file])) } }
      : {}),
    ...(registered && typeof registered.guild_id === "string" ? { guild_id: registered.guild_id } : {}),
  };
}
