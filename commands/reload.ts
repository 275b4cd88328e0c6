/** /reload — moderators reload content/ from disk: all or nothing, and they are told what changed. */
import { InteractionContextType, PermissionFlagsBits } from "discord-api-types/v10";
import { defineCommand, describe, names } from "../src/interactions/command.js";
import { renderReload } from "../src/render/reload.js";
import { refuseNonModerator } from "./common.js";

export const reload = defineCommand({
  definition: {
    ...names("reload", "重新加载", "重新載入"),
    ...describe(
      "Reload the interviews from disk (moderators)",
      "从磁盘重新加载访谈（管理员）",
      "從磁碟重新載入訪談（管理員）",
    ),
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
  },

  run(interaction, _options, context) {
    const refused = refuseNonModerator(interaction, context, {
      command: "reload",
      dmOnly: "reload.dmOnly",
      notAllowed: "reload.notAllowed",
    });
    if (refused !== undefined) return refused;
    const { locale } = interaction;
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
