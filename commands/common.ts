/** Options and lookups that several commands share: which interview, private replies, rejections. */
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { describe, names, type Choice, type CommandContext } from "../src/interactions/command.js";
import { findInterview } from "../src/content/library.js";
import type { Interview } from "../src/content/model.js";
import type { CommandInteraction, InteractionResponse, PlainInteraction } from "../src/interactions/interaction.js";
import { addressedTo, LIMITS, notice, truncate } from "../src/render/message.js";
import { t, type Locale, type Params, type StringKey } from "../src/render/strings.js";

/** Where a command can be installed and used. */
interface Reach {
  integration_types: ApplicationIntegrationType[];
  contexts: InteractionContextType[];
}

/**
 * The member-facing commands: installable to a server or to a user's account, and usable in servers, in
 * the bot's DMs and in private channels (a user install reaches where the bot was never invited).
 */
export const anywhere: Reach = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
};

/** Moderation: installed with the bot to a server, used in that server only. */
export const serverOnly: Reach = {
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
};

export const interviewOption = {
  ...names("interview", "访谈", "訪談"),
  ...describe("Which interview (default: the newest)", "哪个访谈（默认：最新的）", "哪個訪談（預設：最新的）"),
  type: ApplicationCommandOptionType.String,
  autocomplete: true,
  max_length: 100,
} as const;

/** /quote's `interview` option: unlike the other commands', leaving it out searches every interview. */
export const searchedInterviewOption = {
  ...interviewOption,
  ...describe("Only this interview (default: all of them)", "只搜这个访谈（默认：全部）", "只搜這個訪談（預設：全部）"),
} as const;

/** `for`: the member a public reply is addressed to, the one user it pings. */
export const forOption = {
  ...names("for", "给", "給"),
  ...describe(
    "Address the reply to this member (it pings only them)",
    "把回复发给这位成员（只提醒这一人）",
    "把回覆發給這位成員（只提醒這一人）",
  ),
  type: ApplicationCommandOptionType.User,
} as const;

/**
 * The answer addressed to the member `for` names, when it is a public reply; a private reply or a refusal
 * is left alone (it pings no one: nobody else sees it).
 */
export function answerFor(
  response: InteractionResponse,
  userId: string | undefined,
  locale: Locale,
): InteractionResponse {
  if (userId === undefined || response.kind !== "message" || response.rejected === true) return response;
  if (((response.message.flags ?? 0) & MessageFlags.Ephemeral) !== 0) return response;
  return { ...response, message: addressedTo(response.message, userId, locale) };
}

/**
 * A page turned on a reply addressed with `for:` (its buttons replace the whole message, greeting included) stays
 * addressed to the same member, without pinging them again.
 */
export function stillAddressed(
  response: InteractionResponse,
  addressee: string | undefined,
  locale: Locale,
): InteractionResponse {
  if (addressee === undefined || response.kind !== "update") return response;
  return { ...response, message: addressedTo(response.message, addressee, locale, false) };
}

export const privateOption = {
  ...names("private", "仅自己可见", "僅自己可見"),
  ...describe("Show the reply only to you", "回复只有你能看到", "回覆只有你看得到"),
  type: ApplicationCommandOptionType.Boolean,
} as const;

/** An expected user mistake, answered privately in the user's language. */
export function rejection(locale: Locale, key: StringKey, params: Params = {}): InteractionResponse {
  return { kind: "message", message: notice(t(locale, key, params)), rejected: true };
}

/** The interview named by the `interview` option (or the default), or the answer explaining why there is none. */
export function resolveInterview(
  context: CommandContext,
  name: string | undefined,
  locale: Locale,
): Interview | InteractionResponse {
  const { library } = context.content;
  if (library.interviews.length === 0) return rejection(locale, "error.noContent");
  const interview = findInterview(library, name);
  if (interview !== undefined) return interview;
  const available = library.interviews
    .slice(0, 10)
    .map((candidate) => `${candidate.id} (${candidate.title})`)
    .join(", ");
  return rejection(locale, "error.unknownInterview", { name: truncate(name ?? "", 100), available });
}

/** The interviews a search covers: the one the `interview` option named, or every loaded interview. */
export interface InterviewScope {
  /** The interview named; undefined when the search covers every interview. */
  readonly interviewId: string | undefined;
  readonly interviews: readonly Interview[];
}

/**
 * The interviews the `interview` option of a search names: that one interview (found as `resolveInterview`
 * finds it), or all of them when it is left out. Or the answer explaining why there are none.
 */
export function resolveScope(
  context: CommandContext,
  name: string | undefined,
  locale: Locale,
): InterviewScope | InteractionResponse {
  const { interviews } = context.content.library;
  if (interviews.length === 0) return rejection(locale, "error.noContent");
  if (name === undefined || name.trim() === "") return { interviewId: undefined, interviews };
  const interview = resolveInterview(context, name, locale);
  return isResponse(interview) ? interview : { interviewId: interview.id, interviews: [interview] };
}

/**
 * The interview a button or a picked suggestion names. Those carry the exact id they were made with, so
 * only that id matches: unlike the `interview` option, no default, no other case, no title.
 */
export function interviewById(context: CommandContext, id: string): Interview | undefined {
  const interview = findInterview(context.content.library, id);
  return interview?.id === id ? interview : undefined;
}

/** The interviews a ◀ ▶ button searches: the one whose exact id it carries, or all of them when it carries none. */
export function scopeById(context: CommandContext, id: string | undefined): InterviewScope | undefined {
  if (id === undefined) return { interviewId: undefined, interviews: context.content.library.interviews };
  const interview = interviewById(context, id);
  return interview === undefined ? undefined : { interviewId: interview.id, interviews: [interview] };
}

export function isResponse<T extends object>(value: T | InteractionResponse): value is InteractionResponse {
  return "kind" in value;
}

/** Autocomplete for the `interview` option: ids whose id or title contains what was typed. */
export function interviewChoices(context: CommandContext, typed: string): Choice[] {
  const wanted = typed.trim().toLowerCase();
  return context.content.library.interviews
    .filter(
      (interview) =>
        wanted === "" || interview.id.toLowerCase().includes(wanted) || interview.title.toLowerCase().includes(wanted),
    )
    .filter((interview) => interview.id.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((interview) => ({
      name: truncate(`${interview.title} (${interview.id})`, LIMITS.choiceName),
      value: interview.id,
    }));
}

/** Server admins can override a command's default permissions, so the handler checks again. */
export function isModerator(
  interaction: Pick<CommandInteraction, "memberPermissions" | "memberRoles">,
  context: CommandContext,
): boolean {
  const permissions = interaction.memberPermissions ?? 0n;
  if ((permissions & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n) return true;
  return interaction.memberRoles.some((role) => context.moderatorRoleIds.has(role));
}

/**
 * For moderators' commands and their buttons: the refusal in direct messages or for a member who is not a
 * moderator (logged), or undefined when the member may go on. `command` names the command in the log.
 */
export function refuseNonModerator(
  interaction: Exclude<PlainInteraction, { kind: "autocomplete" }>,
  context: CommandContext,
  { command, dmOnly, notAllowed }: { command: string; dmOnly: StringKey; notAllowed: StringKey },
): InteractionResponse | undefined {
  const { locale } = interaction;
  if (interaction.guildId === undefined) return rejection(locale, dmOnly);
  if (isModerator(interaction, context)) return undefined;
  context.log.warn(
    { command, user: interaction.userId, guild: interaction.guildId, outcome: "refused" },
    `${command} refused: not a moderator`,
  );
  return rejection(locale, notAllowed);
}
