/**
 * The application commands the bot has registered, global or per guild, stored as Discord returns them:
 * the definition as sent plus the fields Discord fills in, with ids kept across overwrites by name.
 */
import { str } from "./json.js";
import { snowflake } from "./snowflakes.js";

export type StoredCommand = Record<string, unknown> & { id: string; name: string; type: number };

export class CommandStore {
  /** Key "global" or a guild id. */
  private readonly byScope = new Map<string, StoredCommand[]>();

  constructor(private readonly applicationId: string) {}

  /** The stored commands, global or of one guild, as `GET …/commands` would return them. */
  list(guildId?: string): StoredCommand[] {
    return structuredClone(this.byScope.get(guildId ?? "global") ?? []);
  }

  /** A command by name and type (1 chat input, 3 message): the guild's, else the global one. */
  named(name: string, guildId: string | undefined, type = 1): StoredCommand | undefined {
    return (
      (guildId ? this.byScope.get(guildId) : undefined)?.find((c) => c.name === name && c.type === type) ??
      this.byScope.get("global")?.find((c) => c.name === name && c.type === type)
    );
  }

  find(guildId: string | undefined, id: string | undefined): StoredCommand | undefined {
    return this.stored(guildId).find((c) => c.id === id);
  }

  /** `PUT …/commands`: the list is replaced. */
  overwrite(definitions: Record<string, unknown>[], guildId: string | undefined): void {
    const existing = this.stored(guildId);
    this.byScope.set(
      guildId ?? "global",
      definitions.map((definition) =>
        this.normalize(
          definition,
          guildId,
          existing.find((c) => c.name === definition.name && c.type === (definition.type ?? 1)),
        ),
      ),
    );
  }

  /** `POST …/commands`: creates the command, or replaces the one of the same name and type. */
  upsert(body: Record<string, unknown>, guildId: string | undefined): { command: StoredCommand; created: boolean } {
    const list = this.stored(guildId);
    const existing = list.find((c) => c.name === body.name && c.type === (body.type ?? 1));
    const command = this.normalize(body, guildId, existing);
    this.byScope.set(guildId ?? "global", [...list.filter((c) => c !== existing), command]);
    return { command, created: !existing };
  }

  /** `PATCH …/commands/:id`: the stored command with `changes` over it. */
  patch(existing: StoredCommand, changes: Record<string, unknown>, guildId: string | undefined): StoredCommand {
    const command = this.normalize({ ...existing, ...changes }, guildId, existing);
    this.byScope.set(
      guildId ?? "global",
      this.stored(guildId).map((c) => (c === existing ? command : c)),
    );
    return command;
  }

  /** `DELETE …/commands/:id`; false when there is no such command. */
  delete(guildId: string | undefined, id: string | undefined): boolean {
    const list = this.stored(guildId);
    if (!list.some((c) => c.id === id)) return false;
    this.byScope.set(
      guildId ?? "global",
      list.filter((c) => c.id !== id),
    );
    return true;
  }

  private stored(guildId: string | undefined): StoredCommand[] {
    return this.byScope.get(guildId ?? "global") ?? [];
  }

  /** The definition as sent plus the fields Discord fills in; ids are kept across overwrites by name. */
  private normalize(
    input: Record<string, unknown>,
    guildId: string | undefined,
    existing: StoredCommand | undefined,
  ): StoredCommand {
    const { id: _id, version: _version, application_id: _app, guild_id: _guild, ...definition } = input;
    const command: StoredCommand = {
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: "",
      default_member_permissions: null,
      type: 1,
      description: "",
      ...(guildId ? { guild_id: guildId } : { dm_permission: true }),
      contexts: null,
      integration_types: [0],
      nsfw: false,
      ...definition,
      name: str(definition.name),
    };
    if (typeof command.type !== "number") command.type = 1;
    const comparable = (c: StoredCommand) => JSON.stringify({ ...c, version: "" });
    command.version = existing && comparable(existing) === comparable(command) ? String(existing.version) : snowflake();
    return command;
  }
}
