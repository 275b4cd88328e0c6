/**
 * The guilds the bot is in: a test's guild specs completed with defaults (ids, #general, the Moderator,
 * Manager and Admin roles), and each guild as the gateway's GUILD_CREATE describes it.
 */
import { PermissionFlagsBits as P } from "discord-api-types/v10";
import type { RawUser } from "./payloads.js";
import { PERMISSIONS } from "./permissions.js";
import { snowflake } from "./snowflakes.js";
import { MEMBER_DEFAULTS } from "./users.js";

export interface FakeGuildSpec {
  id?: string;
  name?: string;
  ownerId?: string;
  channels?: { id?: string; name?: string; type?: number }[];
  /** Roles besides @everyone (whose id is the guild id and whose permissions are `PERMISSIONS.member`). */
  roles?: { id?: string; name: string; permissions?: bigint | string }[];
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: { id: string; name: string; type: number }[];
  roles: { id: string; name: string; permissions: string }[];
}

/** A guild spec with every default filled in; the first guild (index 0) has fixed ids. */
export function resolveGuild(spec: FakeGuildSpec, index: number): FakeGuild {
  const id = spec.id ?? (index === 0 ? "1187654321098765000" : snowflake());
  const roles = spec.roles ?? [
    { name: "Moderator", id: "1187654321098765111" },
    { name: "Manager", id: "1187654321098765222", permissions: P.ManageGuild },
    { name: "Admin", id: "1187654321098765333", permissions: P.Administrator },
  ];
  return {
    id,
    name: spec.name ?? (index === 0 ? "Verbatim Test Server" : `Test Server ${index + 1}`),
    ownerId: spec.ownerId ?? "1100000000000000001",
    channels: (spec.channels ?? [{ id: index === 0 ? "1187654321098765001" : undefined, name: "general" }]).map(
      (c) => ({
        id: c.id ?? snowflake(),
        name: c.name ?? "general",
        type: c.type ?? 0,
      }),
    ),
    roles: [
      { id, name: "@everyone", permissions: PERMISSIONS.member },
      ...roles.map((r) => ({ id: r.id ?? snowflake(), name: r.name, permissions: String(r.permissions ?? 0n) })),
    ],
  };
}

/** GUILD_CREATE's `d` for a guild, with the bot as its one cached member. */
export function guildCreate(guild: FakeGuild, botUser: RawUser): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: "en-US",
    features: [],
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    roles: guild.roles.map((role, position) => ({
      id: role.id,
      name: role.name,
      permissions: role.permissions,
      position,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      managed: false,
      mentionable: false,
      flags: 0,
    })),
    emojis: [],
    stickers: [],
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [
      {
        user: botUser,
        roles: [],
        ...MEMBER_DEFAULTS,
      },
    ],
    channels: guild.channels.map((c, position) => ({
      id: c.id,
      type: c.type,
      guild_id: guild.id,
      name: c.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
