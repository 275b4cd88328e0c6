/** /reload — moderators reload content/ from disk: all or nothing, and they are told what changed. */
import { PermissionFlagsBits } from "discord-api-types/v10";
import { defineCommand, describe, names, type CommandContext } from "../src/interactions/command.js";
import type { CommandInteraction } from "../src/interactions/interaction.js";
import { renderReload } from "../src/render/reload.js";
import { rejection, serverOnly } from "./common.js";

/** Server admins can override a command's default permissions, so the handler checks again. */
export function isModerator(interaction: CommandInteraction, context: CommandContext): boolean {
  const permissions = interaction.memberPermissions ?? 0n;
  if ((permissions & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n) return true;
  return interaction.memberRoles.some((role) => context.moderatorRoleIds.has(role));
}

export const reload = defineCommand({
  definition: {
    ...names("reload", "重新加载", "重新載入"),
    ...describe(
      "Reload the interviews from disk (moderators)",
      "从磁盘重新加载访谈（管理员）",
      "從磁碟重新載入訪談（管理員）",
    ),
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    ...serverOnly,
  },

  run(interaction, _options, context) {
    const { locale } = interaction;
    if (interaction.guildId === undefined) return rejection(locale, "reload.dmOnly");
    if (!isModerator(interaction, context)) {
      context.log.warn(
        { command: "reload", user: interaction.userId, guild: interaction.guildId, outcome: "refused" },
        "reload refused: not a moderator",
      );
      return rejection(locale, "reload.notAllowed");
    }
    return {
      kind: "deferred",
      ephemeral: true,
      work: async () => {
        const reports = await context.reloadEverywhere();
        const where = { command: "reload", user: interaction.userId, guild: interaction.guildId };
        for (const { shard, report } of reports) {
          const place = { ...where, ...(shard === undefined ? {} : { targetShard: shard }) };
          if (report.status === "reloaded") {
            const { added, removed, changed, version, stats } = report;
            context.log.info(
              {
                ...place,
                outcome: "reloaded",
                version,
                added: added.map((i) => i.id),
                removed: removed.map((i) => i.id),
                changed: changed.map((c) => c.id),
                ...stats,
                warnings: report.warnings.length,
              },
              "content reloaded",
            );
          } else if (report.status === "rejected") {
            context.log.warn(
              { ...place, outcome: "rejected", errors: report.errors.length, first: report.errors.slice(0, 5) },
              "reload rejected: content has errors",
            );
          } else {
            context.log.warn(
              { ...place, outcome: "failed", reason: report.reason },
              "reload failed: kept the old content",
            );
          }
        }
        return renderReload(reports, locale);
      },
    };
  },
});
