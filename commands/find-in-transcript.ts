/**
 * "Find in transcript" — a message command (right-click a message → Apps): the transcript lines that best
 * match what that message says, answered privately with /quote's buttons (◀ ▶, Context, Post in channel).
 */
import { ApplicationCommandType } from "discord-api-types/v10";
import { defineCommand, names } from "../src/interactions/command.js";
import { tellingQueries } from "../src/search/message-query.js";
import { anywhere, isResponse, rejection, resolveScope } from "./common.js";
import { showMatch } from "./quote.js";

export const findInTranscript = defineCommand({
  definition: {
    ...names("Find in transcript", "在访谈原文中查找", "在訪談原文中查找"),
    type: ApplicationCommandType.Message,
    ...anywhere,
  },

  run(interaction, _options, context) {
    const { locale } = interaction;
    const queries = tellingQueries(interaction.targetMessage?.content ?? "");
    if (queries.length === 0) return rejection(locale, "find.noText");
    const scope = resolveScope(context, undefined, locale);
    if (isResponse(scope)) return scope;
    // The fullest of the message's queries that finds a line (else the fullest, to say nothing matched).
    const found = queries.find((query) => {
      const outcome = context.content.search.search(query, { limit: 1 });
      return outcome.ok && outcome.hits.length > 0;
    });
    const query = found ?? queries[0]!;
    return showMatch(context, { scope, query, speaker: undefined, rank: 0, locale, ephemeral: true, kind: "message" });
  },
});
