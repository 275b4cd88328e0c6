/**
 * `npm run cli -- <command> [option:value …] [--locale zh-CN] [--json] [--autocomplete <option>]`
 * `npm run cli -- press <button-custom-id> [--private] [--locale …] [--json]`
 *
 * Runs the real command handlers against the content folder with no network and no token, and prints
 * the reply as text (or, with --json, the exact payload Discord would receive).
 */
import { ApplicationCommandOptionType, type APIEmbed } from "discord-api-types/v10";
import { commands } from "../../commands/index.js";
import type { CommandContext } from "../interactions/command.js";
import { readContentDir, readStatsSettings } from "../config.js";
import { openStatsStore } from "../stats/open.js";
import type { UsageReader } from "../stats/report.js";
import { reloadHere } from "../serving/reload-report.js";
import { ContentStore } from "../serving/store.js";
import { formatContentError } from "../content/model.js";
import { Dispatcher } from "../interactions/dispatch.js";
import type { InteractionResponse, OptionValue, PlainInteraction } from "../interactions/interaction.js";
import type { MessagePayload } from "../render/payload.js";
import { silentLogger } from "../log.js";
import { localeOf } from "../render/strings.js";

const USAGE = `Usage:
  npm run cli -- <command> [option:value …] [--locale zh-CN|zh-TW|en] [--json] [--autocomplete <option>]
  npm run cli -- press <button-custom-id> [--private] [--locale …] [--json]
  npm run cli -- stats [days:30] [--guild <server id>]   (every server unless --guild)

Commands: ${commands.map((command) => command.definition.name).join(", ")}
Examples:
  npm run cli -- questions
  npm run cli -- summary question:3
  npm run cli -- quote keyword:董事会
  npm run cli -- quote keyword:dongshihui --autocomplete keyword
  npm run cli -- press questions:2:altman-all-in-2024-05
  npm run cli -- stats days:7`;

class UsageError extends Error {}

interface CliRequest {
  readonly interaction: PlainInteraction;
  readonly json: boolean;
  /** The server /stats reports on; undefined: every server. */
  readonly statsGuild: string | undefined;
}

/** The CLI user is a moderator in a pretend server, so /reload works offline too. */
const CLI_USER = {
  id: "cli",
  userId: "100000000000000001",
  userName: "cli",
  guildId: "100000000000000002",
  memberPermissions: 1n << 3n,
  memberRoles: [],
} as const;

function parseOptionValue(command: string, name: string, raw: string): OptionValue {
  const definition = commands.find((c) => c.definition.name === command)?.definition;
  const option = definition?.options?.find((o) => o.name === name);
  if (option === undefined) {
    const names = definition?.options?.map((o) => o.name) ?? [];
    const known = names.length > 0 ? names.join(", ") : "none";
    throw new UsageError(`/${command} has no option "${name}" (options: ${known})`);
  }
  if (option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number) {
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new UsageError(`${name} must be a number (got "${raw}")`);
    return value;
  }
  if (option.type === ApplicationCommandOptionType.Boolean) {
    if (raw !== "true" && raw !== "false") throw new UsageError(`${name} must be true or false (got "${raw}")`);
    return raw === "true";
  }
  return raw;
}

function parseArgs(argv: readonly string[]): CliRequest {
  let locale = localeOf(undefined);
  let json = false;
  let ephemeral = false;
  let autocomplete: string | undefined;
  let statsGuild: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--json") json = true;
    else if (arg === "--private") ephemeral = true;
    else if (arg === "--locale") locale = localeOf(argv[++i] ?? "en");
    else if (arg === "--autocomplete") autocomplete = argv[++i];
    else if (arg === "--guild") statsGuild = argv[++i];
    else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else if (arg.startsWith("--")) throw new UsageError(`unknown flag ${arg}`);
    else words.push(arg);
  }
  const [command, ...rest] = words;
  if (command === undefined) throw new UsageError("name a command");
  const base = { ...CLI_USER, locale };
  if (command === "press") {
    if (rest.length !== 1) throw new UsageError("press takes one button id");
    return { interaction: { ...base, kind: "button", customId: rest[0] ?? "", ephemeral }, json, statsGuild };
  }
  if (!commands.some((c) => c.definition.name === command)) throw new UsageError(`unknown command "${command}"`);
  const options: Record<string, OptionValue> = {};
  for (const word of rest) {
    const colon = word.indexOf(":");
    if (colon <= 0) throw new UsageError(`options are written name:value (got "${word}")`);
    const name = word.slice(0, colon);
    options[name] = parseOptionValue(command, name, word.slice(colon + 1));
  }
  if (autocomplete !== undefined) {
    const value = options[autocomplete];
    parseOptionValue(command, autocomplete, String(value ?? ""));
    return {
      interaction: {
        ...base,
        kind: "autocomplete",
        command,
        options,
        focused: { name: autocomplete, value: String(value ?? "") },
      },
      json,
      statsGuild,
    };
  }
  return { interaction: { ...base, kind: "command", command, options }, json, statsGuild };
}

function embedText(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.author) lines.push(`[${embed.author.name}]${embed.author.url ? ` ${embed.author.url}` : ""}`);
  if (embed.title) lines.push(`══ ${embed.title} ══${embed.url ? ` ${embed.url}` : ""}`);
  if (embed.description) lines.push(embed.description);
  for (const field of embed.fields ?? []) lines.push("", `▸ ${field.name}`, field.value);
  if (embed.footer) lines.push("", `— ${embed.footer.text}`);
  return lines.join("\n");
}

function messageText(message: MessagePayload): string {
  const parts: string[] = [];
  if (message.content) parts.push(message.content);
  for (const embed of message.embeds ?? []) parts.push(embedText(embed));
  const buttons = (message.components ?? []).flatMap(
    (row): { label?: string; custom_id?: string; disabled?: boolean }[] =>
      "components" in row ? (row.components as { label?: string; custom_id?: string; disabled?: boolean }[]) : [],
  );
  if (buttons.length > 0) {
    parts.push(buttons.map((b) => `[${b.label ?? ""}${b.disabled ? " (disabled)" : ""}]`).join(" "));
    parts.push(`buttons: ${buttons.map((b) => b.custom_id ?? "").join("  ")}`);
  }
  if (message.flags !== undefined) parts.push("(only you can see this)");
  return parts.join("\n\n");
}

async function responseText(response: InteractionResponse, json: boolean): Promise<string> {
  switch (response.kind) {
    case "choices":
      return json
        ? JSON.stringify(response.choices, null, 2)
        : response.choices.map((c) => `${c.name}\n    → ${c.value}`).join("\n") || "(no choices)";
    case "deferred": {
      const message = await response.work();
      return json ? JSON.stringify(message, null, 2) : messageText(message);
    }
    case "message":
    case "update":
      return json ? JSON.stringify(response.message, null, 2) : messageText(response.message);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let request: CliRequest;
  try {
    request = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`error: ${error.message}\n`);
    console.error(USAGE);
    return 2;
  }
  const { store, errors } = await ContentStore.open(readContentDir());
  for (const error of errors) console.error(`warning: ${formatContentError(error)}`);
  const stats = await openStats(request);
  const context: CommandContext = {
    content: store.current,
    store,
    moderatorRoleIds: new Set(),
    log: silentLogger,
    reloadEverywhere: reloadHere(store),
    stats,
  };
  try {
    const { response } = await new Dispatcher(commands).dispatch(request.interaction, context);
    console.log(await responseText(response, request.json));
  } finally {
    await stats?.close();
  }
  return 0;
}

/**
 * The statistics the bot records (same settings: DATA_DIR or DATABASE_URL), read-only here: the CLI
 * records nothing. Opened only for /stats; the pretend server is replaced by `--guild` or every server.
 */
async function openStats(request: CliRequest): Promise<(UsageReader & { close(): Promise<void> }) | undefined> {
  const { interaction } = request;
  if (interaction.kind !== "command" || interaction.command !== "stats") return undefined;
  const settings = readStatsSettings();
  if (!settings.enabled) return undefined;
  const store = await openStatsStore(settings, silentLogger);
  return {
    report: (_pretendGuild, days) => store.report(request.statsGuild, days),
    close: () => store.close(),
  };
}

process.exitCode = await main(process.argv.slice(2));
