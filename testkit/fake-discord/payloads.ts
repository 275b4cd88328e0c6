/**
 * The raw Discord JSON the fake exchanges with the bot: users, interactions (loosely typed on purpose:
 * fuzz tests mangle them), messages and the callback, follow-up and edit bodies the bot sends back.
 */

export interface RawUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
  [key: string]: unknown;
}

export interface RawCommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: RawCommandOption[];
}

/** Raw INTERACTION_CREATE data (loosely typed on purpose: fuzz tests mangle it). */
export interface InteractionPayload {
  id: string;
  application_id: string;
  type: number;
  token: string;
  version: number;
  data?: Record<string, unknown>;
  guild_id?: string;
  channel_id?: string;
  channel?: Record<string, unknown>;
  member?: { user: RawUser; roles: string[]; permissions: string; [key: string]: unknown };
  user?: RawUser;
  message?: RawMessage;
  locale?: string;
  app_permissions?: string;
  entitlements?: unknown[];
  authorizing_integration_owners?: Record<string, string>;
  context?: number;
  [key: string]: unknown;
}

export interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

/** The `data` of a callback, follow-up or edit: the message fields, or autocomplete `choices`. */
export interface MessageData {
  content?: string;
  embeds?: Record<string, unknown>[];
  components?: Record<string, unknown>[];
  flags?: number;
  allowed_mentions?: AllowedMentions;
  choices?: { name: string; value: string | number }[];
  [key: string]: unknown;
}

/** A `POST /interactions/{id}/{token}/callback` body. */
export interface InteractionCallback {
  type: number;
  data?: MessageData;
}

export interface RawMessage {
  id: string;
  type: number;
  channel_id: string;
  content: string;
  flags: number;
  embeds: unknown[];
  components: unknown[];
  [key: string]: unknown;
}
