/**
 * /stats [days] — moderators see what this server's members read, quote and search for, and which searches
 * found nothing (the content gaps). A private reply; the statistics hold no user ids or names.
 */
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from "discord-api-types/v10";
import { defineCommand, describe, names } from "../src/interactions/command.js";
import { notice } from "../src/render/message.js";
import { renderStats } from "../src/render/stats.js";
import { t } from "../src/render/strings.js";
import { refuseNonModerator, rejection } from "./common.js";

export const DEFAULT_STATS_DAYS = 30;

export const stats = defineCommand({
  definition: {
    ...names("stats", "统计", "統計"),
    ...describe(
      "What members read and search for, and what they did not find (moderators)",
      "成员查看和搜索了什么、哪些没找到（管理员）",
      "成員查看和搜尋了什麼、哪些沒找到（管理員）",
    ),
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        ...names("days", "天数", "天數"),
        ...describe(
          `How many days back, today included (default ${DEFAULT_STATS_DAYS})`,
          `往前多少天，含今天（默认 ${DEFAULT_STATS_DAYS}）`,
          `往前多少天，含今天（預設 ${DEFAULT_STATS_DAYS}）`,
        ),
        type: ApplicationCommandOptionType.Integer,
        min_value: 1,
        max_value: 3650,
      },
    ],
  },

  run(interaction, options, context) {
    const { locale, guildId } = interaction;
    const refused = refuseNonModerator(interaction, context, {
      command: "stats",
      dmOnly: "stats.dmOnly",
      notAllowed: "stats.notAllowed",
    });
    if (refused !== undefined) return refused;
    const { stats: reader } = context;
    if (reader === undefined) return rejection(locale, "stats.off");
    const days = Math.min(3650, Math.max(1, Math.trunc(options.days ?? DEFAULT_STATS_DAYS)));
    return {
      kind: "deferred",
      ephemeral: true,
      work: async () => {
        try {
          return renderStats(await reader.report(guildId, days), context.content.library, locale);
        } catch (error) {
          context.log.warn({ err: error, command: "stats", guild: guildId }, "stats: could not read the database");
          return notice(t(locale, "stats.unavailable"));
        }
      },
    };
  },
});
