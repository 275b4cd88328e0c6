/**
 * `npm run deploy-commands`: writes the registry's command definitions to Discord (in DISCORD_GUILD_ID
 * if set, else globally), only if they differ. Exits non-zero on any failure, so CI/CD notices.
 */
import { REST } from "discord.js";
import { commandDefinitions } from "../../commands/index.js";
import { ConfigError, readConfig } from "../config.js";
import { currentApplicationId, syncCommands } from "../discord/sync.js";

try {
  const config = readConfig();
  // HTTP mode may run without a token; writing the commands always needs one.
  const { token } = config.transport;
  if (token === undefined) throw new ConfigError("DISCORD_TOKEN", "is missing: deploy-commands needs the bot's token");
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(token);
  const result = await syncCommands(rest, await currentApplicationId(rest), config.guildId, commandDefinitions);
  const scope = config.guildId
    ? `server ${config.guildId}`
    : "all servers (global; Discord may take a while to show changes)";
  console.log(
    `${commandDefinitions.length} commands ${result === "updated" ? "written" : "already up to date"} for ${scope}.`,
  );
} catch (error) {
  const reason = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`deploy-commands failed: ${reason}`);
  process.exitCode = 1;
}
