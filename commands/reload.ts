/** /reload — moderators reload content/ from disk: all or nothing, and they are told what changed. */
import { InteractionContextType, PermissionFlagsBits } from "discord-api-types/v10";
import { defineCommand, describe, names, type CommandContext } from "../src/command.js";
import type { CommandInteraction } from "../src/interaction.js";
import { renderReload } from "../src/render/reload.js";
import { rejection } from "./common.js";

/** Server admins can override a command's default permissions, so the handler checks again. */
export function isModerator(interaction: CommandInteraction, context: CommandContext): boolean {
  const permissions = interaction.memberPermissions ?? 0n;
  if ((permissions & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n) return true;
  return interaction.memberRoles.some((role) => context.moderatorRoleIds.has(role));
}

export const reload = defineCommand({
  definition: {
    ...names("reload", "重新加载", "重新載入"),
    ...describe("Reload the interviews from disk (moderators)", "从磁盘重新加载访谈（管理员）", "從磁碟重新載入訪談（管理員）"),
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
  },

  run(interaction, _options, context) {
    const { locale } = interaction;
    if (interaction.guildId === undefined) return rejection(locale, "reload.dmOnly");
    if (!isModerator(interaction, context)) {
      context.log.warn({ command: "reload", user: interaction.userId, guild: interaction.guildId, outcome: "refused" }, "reload refused: not a moderator");
      return rejection(locale, "reload.notAllowed");
    }
    return {
      kind: "deferred",
      ephemeral: true,
      work: async () => {
        const outcome = await context.store.reload();
        const where = { command: "reload", user: interaction.userId, guild: interaction.guildId };
        if (outcome.ok) {
          const { added, removed, changed } = outcome.diff;
          context.log.info(
            { ...where, outcome: "reloaded", version: outcome.version, added: added.map((i) => i.id), removed: removed.map((i) => i.id), changed: changed.map((c) => c.id), ...outcome.stats },
            "content reloaded",
          );
        } else {
          context.log.warn({ ...where, outcome: "rejected", errors: outcome.errors.length, first: outcome.errors.slice(0, 5) }, "reload rejected: content has errors");
        }
        return renderReload(outcome, locale);
      },
    };
  },
});
