/**
 * Permission and intent bits the fake hands out or enforces: the sets tests build members with, the bot's
 * own channel permissions, the privileged intents, and a member's permissions computed from its roles.
 */
import { PermissionFlagsBits } from "discord-api-types/v10";

const P = PermissionFlagsBits;
export const ALL_PERMISSIONS = Object.values(P).reduce((all, bit) => all | bit, 0n);

/** What a member may do in a text channel, and what the bot is given in one. */
const TEXT_CHANNEL =
  P.AddReactions |
  P.ViewChannel |
  P.SendMessages |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.UseExternalEmojis |
  P.UseApplicationCommands |
  P.SendMessagesInThreads;

/** Permission strings for building members. */
export const PERMISSIONS = {
  member: (TEXT_CHANNEL | P.CreateInstantInvite | P.Connect | P.Speak | P.ChangeNickname).toString(),
  manageGuild: P.ManageGuild.toString(),
  administrator: ALL_PERMISSIONS.toString(),
} as const;

/** What the bot may do in an interaction's channel (`app_permissions`). */
export const BOT_CHANNEL_PERMISSIONS = TEXT_CHANNEL.toString();

/** Intents Discord refuses (close 4014) unless enabled in the developer portal. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

/** Channel-level permissions Discord would compute (no overwrites): @everyone | roles; Administrator = all. */
export function memberPermissions(
  guild: { readonly id: string; readonly roles: readonly { readonly id: string; readonly permissions: string }[] },
  roleIds: readonly string[],
): string {
  let bits = 0n;
  for (const role of guild.roles)
    if (role.id === guild.id || roleIds.includes(role.id)) bits |= BigInt(role.permissions);
  return ((bits & P.Administrator) !== 0n ? ALL_PERMISSIONS : bits).toString();
}
