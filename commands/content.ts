/**
 * /content — moderators change the interviews from Discord: upload a file, roll an interview back to an
 * earlier version, remove one, list the versions. Every change is previewed privately first and applied
 * only when the moderator who asked presses the confirming button (within 15 minutes). Nothing is kept
 * between the preview and the press: the button carries what it confirms (the upload's hash, the version,
 * the interview), so it works after a restart and on any replica.
 * Over 300 lines because it is one slash command (one module per command): its four subcommands share the
 * moderator check, the preview and the confirming button.
 */
import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
} from "discord-api-types/v10";
import {
  defineCommand,
  describe,
  names,
  onButton,
  readOptions,
  type CommandContext,
} from "../src/interactions/command.js";
import type { ButtonInteraction, CommandInteraction, InteractionResponse } from "../src/interactions/interaction.js";
import { findInterview } from "../src/content/library.js";
import { MAX_FILE_BYTES } from "../src/content/load.js";
import { contentAction, type ContentAction } from "../src/render/custom-ids.js";
import { renderHistory, renderInvalid, renderPreview, type PreviewKind } from "../src/render/content.js";
import { message, notice } from "../src/render/message.js";
import type { MessagePayload } from "../src/render/payload.js";
import { renderReload } from "../src/render/reload.js";
import { t } from "../src/render/strings.js";
import {
  MAX_ID_LENGTH,
  hashOf,
  type Applicable,
  type CheckedChange,
  type ContentPublisher,
  type PublishOutcome,
} from "../src/serving/publisher.js";
import { GitError } from "../src/serving/versions.js";
import { interviewChoices, interviewOption, isResponse, rejection, resolveInterview } from "./common.js";
import { refuseNonModerator, serverOnly } from "./common.js";

/** How long a preview's buttons may be pressed. */
const PREVIEW_SECONDS = 15 * 60;

/** A subcommand's definition, its options' literal types kept (readOptions types them from it). */
function subcommand<const O extends APIApplicationCommandBasicOption[]>(
  named: ReturnType<typeof names> & ReturnType<typeof describe>,
  options: O,
) {
  return { type: ApplicationCommandOptionType.Subcommand, ...named, options } as const;
}

const upload = subcommand(
  {
    ...names("upload", "上传", "上傳"),
    ...describe(
      "Preview a Markdown interview file, then publish it",
      "预览一个 Markdown 访谈文件，然后发布",
      "預覽一個 Markdown 訪談檔案，然後發布",
    ),
  },
  [
    {
      type: ApplicationCommandOptionType.Attachment,
      ...names("file", "文件", "檔案"),
      ...describe(
        "The interview, a .md file of at most 5 MB",
        "访谈，最多 5 MB 的 .md 文件",
        "訪談，最多 5 MB 的 .md 檔案",
      ),
      required: true,
    },
  ],
);

const history = subcommand(
  {
    ...names("history", "历史", "歷史"),
    ...describe(
      "The latest versions: when, who, what changed",
      "最近的版本：时间、作者、改动",
      "最近的版本：時間、作者、改動",
    ),
  },
  [{ ...interviewOption, ...describe("Only this interview's versions", "只看这个访谈的版本", "只看這個訪談的版本") }],
);

const rollback = subcommand(
  {
    ...names("rollback", "回滚", "還原"),
    ...describe("Restore an earlier version of an interview", "恢复访谈的旧版本", "還原訪談的舊版本"),
  },
  [
    {
      ...interviewOption,
      ...describe("Which interview (its id)", "哪个访谈（编号）", "哪個訪談（編號）"),
      required: true,
    },
    {
      type: ApplicationCommandOptionType.String,
      ...names("version", "版本", "版本"),
      ...describe(
        "The version, as /content history shows it",
        "版本号，见 /content history",
        "版本號，見 /content history",
      ),
      required: true,
      min_length: 4,
      max_length: 40,
    },
  ],
);

const remove = subcommand(
  {
    ...names("remove", "移除", "移除"),
    ...describe(
      "Remove an interview (its versions are kept)",
      "移除一个访谈（保留其版本）",
      "移除一個訪談（保留其版本）",
    ),
  },
  [{ ...interviewOption, ...describe("Which interview", "哪个访谈", "哪個訪談"), required: true }],
);

/** Who may change the content, checked on every command and every press (a server override may show it to anyone). */
function refusal(
  interaction: CommandInteraction | ButtonInteraction,
  context: CommandContext,
): InteractionResponse | ContentPublisher {
  const refused = refuseNonModerator(interaction, context, {
    command: "content",
    dmOnly: "content.dmOnly",
    notAllowed: "content.notAllowed",
  });
  return refused ?? context.publisher ?? rejection(interaction.locale, "content.unavailable");
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A private answer given later, after downloading or asking git. */
function later(work: () => Promise<MessagePayload>): InteractionResponse {
  return { kind: "deferred", ephemeral: true, work };
}

function previewOf(
  change: CheckedChange,
  kind: PreviewKind,
  confirm: ContentAction | undefined,
  interaction: CommandInteraction,
  fileUrl?: string,
): MessagePayload {
  const { locale } = interaction;
  if (!change.ok) return renderInvalid(change.errors, change.warnings, locale);
  const cancel: ContentAction = { action: "cancel", userId: interaction.userId, expiresAt: confirm?.expiresAt ?? 0 };
  return renderPreview(
    {
      change: kind,
      id: change.id,
      interview: change.interview,
      served: change.served,
      diff: change.diff,
      warnings: change.warnings,
      unchanged: change.unchanged,
      ...(fileUrl === undefined ? {} : { fileUrl }),
      ...(confirm === undefined
        ? {}
        : { confirmId: contentAction.encode(confirm), cancelId: contentAction.encode(cancel) }),
      expiresAt: confirm?.expiresAt ?? 0,
    },
    locale,
  );
}

function runUpload(interaction: CommandInteraction, publisher: ContentPublisher): InteractionResponse {
  const { locale } = interaction;
  const read = readOptions(upload, interaction.options);
  const file = read.ok ? interaction.attachments?.[read.options.file] : undefined;
  if (file === undefined) return rejection(locale, "content.noFile");
  if (file.size > MAX_FILE_BYTES) {
    const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
    return rejection(locale, "content.tooBig", { size: mb(file.size), max: mb(MAX_FILE_BYTES) });
  }
  return later(async () => {
    let bytes: Buffer;
    try {
      bytes = await publisher.download(file.url, MAX_FILE_BYTES);
    } catch (error) {
      return notice(t(locale, "content.downloadFailed", { reason: (error as Error).message }));
    }
    const change = await publisher.check(file.filename, bytes);
    const confirm: ContentAction | undefined = change.ok
      ? { action: "publish", userId: interaction.userId, expiresAt: nowSeconds() + PREVIEW_SECONDS, hash: change.hash }
      : undefined;
    return previewOf(change, { kind: "upload" }, confirm, interaction, file.url);
  });
}

function runHistory(
  interaction: CommandInteraction,
  context: CommandContext,
  publisher: ContentPublisher,
): InteractionResponse {
  const read = readOptions(history, interaction.options);
  const named = read.ok ? (read.options.interview?.trim() ?? "") : "";
  // A served interview may be named by its title too; a removed one only by its id.
  const id = named === "" ? undefined : (findInterview(context.content.library, named)?.id ?? named);
  return later(async () => renderHistory(await publisher.history(id), id, interaction.locale));
}

function runRollback(interaction: CommandInteraction, publisher: ContentPublisher): InteractionResponse {
  const { locale } = interaction;
  const read = readOptions(rollback, interaction.options);
  if (!read.ok) return rejection(locale, "error.unknownCommand");
  const { interview: id, version } = read.options;
  if (id.length > MAX_ID_LENGTH) return rejection(locale, "content.idTooLong", { id, max: MAX_ID_LENGTH });
  return later(async () => {
    const found = await publisher.checkRollback(id.trim(), version.trim());
    if (found === undefined) return notice(t(locale, "content.unknownVersion", { id, version }));
    const { commit, change } = found;
    const confirm: ContentAction | undefined = change.ok
      ? {
          action: "rollback",
          userId: interaction.userId,
          expiresAt: nowSeconds() + PREVIEW_SECONDS,
          commit: commit.slice(0, 12),
          interviewId: change.id,
        }
      : undefined;
    return previewOf(change, { kind: "rollback", version: commit }, confirm, interaction);
  });
}

function runRemove(
  interaction: CommandInteraction,
  context: CommandContext,
  publisher: ContentPublisher,
): InteractionResponse {
  const { locale } = interaction;
  const read = readOptions(remove, interaction.options);
  const interview = resolveInterview(context, read.ok ? read.options.interview : "", locale);
  if (isResponse(interview)) return interview;
  if (interview.id.length > MAX_ID_LENGTH)
    return rejection(locale, "content.idTooLong", { id: interview.id, max: MAX_ID_LENGTH });
  const change = publisher.checkRemoval(interview.id);
  if (change === undefined) return rejection(locale, "error.noContent");
  const confirm: ContentAction = {
    action: "remove",
    userId: interaction.userId,
    expiresAt: nowSeconds() + PREVIEW_SECONDS,
    interviewId: interview.id,
  };
  return { kind: "message", message: previewOf(change, { kind: "remove" }, confirm, interaction) };
}

/** The reply to a confirmed change: the reload's report (as /reload shows it), or why nothing changed. */
function outcomeMessage(outcome: PublishOutcome, interaction: ButtonInteraction): MessagePayload {
  const { locale } = interaction;
  switch (outcome.status) {
    case "published":
      return {
        ...renderReload(outcome.reports, locale),
        content: t(locale, "content.published", { version: outcome.commit.slice(0, 12), user: interaction.userName }),
      };
    case "rejected":
      return renderReload(outcome.reports, locale);
    case "unchanged":
      return notice(t(locale, "content.alreadyDone"));
    case "pushRefused":
      return notice(t(locale, "content.pushRefused", { reason: outcome.reason.slice(0, 1500) }));
  }
}

/** What a press confirms, checked again as it is now, with its commit's subject; or why it cannot be done. */
async function recheck(
  data: Exclude<ContentAction, { action: "cancel" }>,
  interaction: ButtonInteraction,
  publisher: ContentPublisher,
): Promise<{ change: CheckedChange; subject: (change: Applicable) => string } | MessagePayload> {
  const { locale } = interaction;
  switch (data.action) {
    case "publish": {
      // Stateless: the file is fetched again from the address the preview kept, and must be the one previewed.
      const url = interaction.messageEmbedUrl;
      const bytes =
        url === undefined ? undefined : await publisher.download(url, MAX_FILE_BYTES).catch(() => undefined);
      if (url === undefined || bytes === undefined || hashOf(bytes) !== data.hash)
        return notice(t(locale, "content.fileChanged"));
      const name = new URL(url).pathname.replace(/^.*\//, "");
      const change = await publisher.check(decodeURIComponent(name), bytes);
      return { change, subject: (c) => `${c.served === undefined ? "Add" : "Replace"} ${c.id}` };
    }
    case "rollback": {
      const found = await publisher.checkRollback(data.interviewId, data.commit);
      if (found === undefined)
        return notice(t(locale, "content.unknownVersion", { id: data.interviewId, version: data.commit }));
      return { change: found.change, subject: (c) => `Roll back ${c.id} to ${found.commit.slice(0, 12)}` };
    }
    case "remove": {
      const change = publisher.checkRemoval(data.interviewId);
      if (change === undefined) return notice(t(locale, "content.alreadyDone"));
      return { change, subject: (c) => `Remove ${c.id}` };
    }
  }
}

/** Applies what a confirming button confirms, after checking it again as it is now. */
async function confirmed(
  data: Exclude<ContentAction, { action: "cancel" }>,
  interaction: ButtonInteraction,
  context: CommandContext,
  publisher: ContentPublisher,
): Promise<MessagePayload> {
  const { locale } = interaction;
  const checked = await recheck(data, interaction, publisher);
  if (!("change" in checked)) return checked;
  const { change } = checked;
  if (!change.ok) return renderInvalid(change.errors, change.warnings, locale);
  let outcome: PublishOutcome;
  try {
    const author = { name: interaction.userName, id: interaction.userId };
    outcome = await publisher.apply(change, author, checked.subject(change));
  } catch (error) {
    // git refused (another process holding the repository, say): the publisher put the file back, and git's
    // own words tell the moderator why. Anything else is an internal error, answered with a reference.
    if (!(error instanceof GitError)) throw error;
    context.log.warn({ command: "content", action: data.action, err: error }, "content change failed in git");
    return notice(t(locale, "content.failed", { reason: error.message.slice(0, 1500) }));
  }
  context.log.info(
    {
      command: "content",
      action: data.action,
      user: interaction.userId,
      guild: interaction.guildId,
      interview: change.id,
      outcome: outcome.status,
      ...(outcome.status === "published" ? { version: outcome.commit } : {}),
      ...(outcome.status === "pushRefused" ? { reason: outcome.reason } : {}),
    },
    `content ${data.action}: ${outcome.status}`,
  );
  return outcomeMessage(outcome, interaction);
}

function press(interaction: ButtonInteraction, data: ContentAction, context: CommandContext): InteractionResponse {
  const { locale } = interaction;
  const publisher = refusal(interaction, context);
  if (isResponse(publisher)) return publisher;
  if (data.userId !== interaction.userId) return rejection(locale, "content.notYours");
  // An update keeps the preview's privacy: it carries no flags, and no buttons any more.
  if (data.action === "cancel")
    return { kind: "update", message: message({ content: t(locale, "content.cancelled") }) };
  if (data.expiresAt < nowSeconds()) return rejection(locale, "content.expired");
  return {
    kind: "deferred",
    ephemeral: true,
    update: true,
    work: () => confirmed(data, interaction, context, publisher),
  };
}

export const content = defineCommand({
  definition: {
    ...names("content", "内容", "內容"),
    ...describe(
      "Publish, roll back or remove interviews (moderators)",
      "发布、恢复或移除访谈（管理员）",
      "發布、還原或移除訪談（管理員）",
    ),
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    ...serverOnly,
    options: [upload, history, rollback, remove],
  },

  run(interaction, _options, context) {
    const publisher = refusal(interaction, context);
    if (isResponse(publisher)) return publisher;
    const { locale } = interaction;
    switch (interaction.subcommand) {
      case "upload":
        return runUpload(interaction, publisher);
      case "history":
        return runHistory(interaction, context, publisher);
      case "rollback":
        return runRollback(interaction, publisher);
      case "remove":
        return runRemove(interaction, context, publisher);
      default:
        return rejection(locale, "error.unknownCommand");
    }
  },

  // The interviews being served, as everywhere else (a removed one, for rollback, is typed by its id).
  autocomplete(_interaction, { focused }, context) {
    return focused.name === "interview" ? interviewChoices(context, focused.value) : [];
  },

  buttons: [onButton(contentAction, press)],
});
