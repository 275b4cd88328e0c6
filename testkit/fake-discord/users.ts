/** The users of the fake: the bot's own user, the default member who sends interactions, and the fixed member fields. */
import type { RawUser } from "./payloads.js";

/** The fields of a guild member that the fake never varies (interaction members and GUILD_CREATE's). */
export const MEMBER_DEFAULTS = {
  nick: null,
  avatar: null,
  joined_at: "2024-01-01T00:00:00.000000+00:00",
  premium_since: null,
  deaf: false,
  mute: false,
  pending: false,
  flags: 0,
  communication_disabled_until: null,
} as const;

/** Who sends interactions unless a test says otherwise (`fake.ids.user`). */
export const DEFAULT_USER: RawUser = {
  id: "1100000000000000002",
  username: "tester",
  discriminator: "0",
  global_name: "Tester",
  avatar: null,
  public_flags: 0,
  flags: 0,
  banner: null,
  accent_color: null,
  avatar_decoration_data: null,
  collectibles: null,
  primary_guild: null,
};

/** The bot user; its id is the application id. */
export function botUserOf(applicationId: string, username: string): RawUser {
  return {
    id: applicationId,
    username,
    discriminator: "0000",
    global_name: null,
    avatar: null,
    bot: true,
    flags: 0,
    verified: true,
    mfa_enabled: false,
  };
}
