/**
 * Command sync: fetch what Discord has, compare it with the registry's definitions, and write
 * (`PUT …/commands`) only when they differ — restarts do not churn Discord's command cache.
 */
import type { REST } from "discord.js";
import { Routes, type APIApplication, type RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { commandDefinitions } from "../../commands/index.js";
import type { Logger } from "../log.js";

export type SyncResult = "unchanged" | "updated";

/** The fields we set, with Discord's defaults filled in, in a fixed key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((key) => !IGNORED.has(key))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const field = object[key];
    if (field === undefined || field === null || (key in DEFAULTS && DEFAULTS[key] === field)) continue;
    if ((key.endsWith("_localizations") || key === "options" || key === "choices") && isEmpty(field)) continue;
    out[key] = canonical(field);
  }
  return out;
}

/** Fields Discord adds on its side. */
const IGNORED = new Set(["id", "application_id", "guild_id", "version", "dm_permission", "handler"]);
/** What Discord reports when a field was not set. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  type: 1,
  nsfw: false,
  required: false,
  autocomplete: false,
  // A message command has no description; Discord reports an empty one.
  description: "",
};

function isEmpty(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && value !== null && Object.keys(value).length === 0)
  );
}

function byName(commands: readonly { name: string }[]): Map<string, string> {
  return new Map(commands.map((command) => [command.name, JSON.stringify(canonical(command))]));
}

export function sameCommands(
  current: readonly { name: string }[],
  wanted: readonly RESTPostAPIApplicationCommandsJSONBody[],
): boolean {
  const have = byName(current);
  const want = byName(wanted);
  if (have.size !== want.size) return false;
  for (const [name, json] of want) if (have.get(name) !== json) return false;
  return true;
}

export async function syncCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): Promise<SyncResult> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const current = (await rest.get(route)) as { name: string }[];
  if (sameCommands(current, definitions)) return "unchanged";
  await rest.put(route, { body: definitions });
  return "updated";
}

/** The application the token belongs to (for when no gateway READY has told us). */
export async function currentApplicationId(rest: REST): Promise<string> {
  return ((await rest.get(Routes.currentApplication())) as APIApplication).id;
}

/**
 * Syncs the registry's definitions at start-up and logs the result. A failure is logged, not thrown:
 * the bot still answers with the commands Discord already has, and the operator sees why they are stale.
 */
export async function syncAtStart(
  rest: REST,
  applicationId: string | undefined,
  guildId: string | undefined,
  log: Logger,
): Promise<void> {
  try {
    const result = await syncCommands(
      rest,
      applicationId ?? (await currentApplicationId(rest)),
      guildId,
      commandDefinitions,
    );
    log.info(
      { result, scope: guildId ? `guild ${guildId}` : "global", commands: commandDefinitions.length },
      "commands synced",
    );
  } catch (error) {
    log.error({ err: error }, "command sync failed; run `npm run deploy-commands` to retry");
  }
}
