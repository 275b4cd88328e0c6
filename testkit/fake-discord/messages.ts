/** The messages the bot posts through the fake: built as Discord creates them, and changed as Discord edits them. */
import { str } from "./json.js";
import { FLAG_EPHEMERAL, FLAG_LOADING, SENDABLE_FLAGS } from "./limits.js";
import { pingsOf } from "./mentions.js";
import type { InteractionPayload, MessageData, RawMessage, RawUser } from "./payloads.js";
import { snowflake } from "./snowflakes.js";

/** A message the bot (whose user id is the application id) posted in answer to `payload`; `type` 20 for a command's reply, 0 otherwise. */
export function botMessage(payload: InteractionPayload, data: MessageData, type: number, bot: RawUser): RawMessage {
  const pings = pingsOf(data);
  const invoker = payload.member?.user ?? payload.user;
  return {
    id: snowflake(),
    type,
    channel_id: payload.channel_id ?? str(payload.channel?.id),
    ...(payload.guild_id ? { guild_id: payload.guild_id } : {}),
    author: bot,
    content: str(data.content),
    embeds: Array.isArray(data.embeds) ? data.embeds : [],
    components: Array.isArray(data.components) ? data.components : [],
    attachments: [],
    flags: (typeof data.flags === "number" ? data.flags : 0) & SENDABLE_FLAGS,
    mentions: pings.users.map((id) => ({
      id,
      username: `user${id.slice(-4)}`,
      discriminator: "0",
      global_name: null,
      avatar: null,
    })),
    mention_roles: pings.roles,
    mention_everyone: pings.everyone,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    webhook_id: bot.id,
    application_id: bot.id,
    interaction_metadata: {
      id: payload.id,
      type: payload.type,
      user: invoker,
      authorizing_integration_owners: payload.authorizing_integration_owners ?? {},
    },
  };
}

/** Applies an edit (PATCH body or UPDATE_MESSAGE data) to a message in place; a deferred message stops loading. */
export function applyEdit(message: RawMessage, data: MessageData): void {
  const wasLoading = (message.flags & FLAG_LOADING) !== 0;
  if (data.content !== undefined) message.content = data.content ?? "";
  if (data.embeds !== undefined) message.embeds = data.embeds ?? [];
  if (data.components !== undefined) message.components = data.components ?? [];
  if (typeof data.flags === "number") message.flags = (message.flags & FLAG_EPHEMERAL) | (data.flags & SENDABLE_FLAGS);
  message.flags &= ~FLAG_LOADING;
  const pings = pingsOf(data);
  message.mention_roles = pings.roles;
  message.mention_everyone = pings.everyone;
  message.edited_timestamp = wasLoading ? null : new Date().toISOString();
}
