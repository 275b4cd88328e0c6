/**
 * Routes a plain interaction to its command module and guarantees an answer: expected mistakes are
 * answered by the handlers; anything else is logged with a reference id and the user gets a private
 * "something went wrong (ref …)". Used by every transport (gateway, HTTP, offline CLI).
 */
import { randomBytes } from "node:crypto";
import { readAutocomplete, readOptions, type CommandContext, type CommandModule } from "./command.js";
import { customIdCommand } from "../render/custom-ids.js";
import type { InteractionResponse, PlainInteraction } from "./interaction.js";
import type { MessagePayload } from "../render/payload.js";
import { LIMITS, notice, truncate } from "../render/message.js";
import { t } from "../render/strings.js";

export type Outcome = "ok" | "rejected" | "error";

export interface DispatchResult {
  readonly response: InteractionResponse;
  /** `rejected` when the user's input was refused kindly (not found, no permission, bad input). */
  readonly outcome: Outcome;
  readonly ref?: string;
}

/** A short id a user can quote and an operator can find in the logs. */
export function newRef(): string {
  return randomBytes(4).toString("hex");
}

/** Names an interaction for logs: the command, or the command that owns the button. */
export function interactionName(interaction: PlainInteraction): string {
  return truncate(interaction.kind === "button" ? customIdCommand(interaction.customId) : interaction.command, 32);
}

export function internalError(interaction: PlainInteraction, ref: string): MessagePayload {
  return notice(t(interaction.locale, "error.internal", { ref }));
}

export class Dispatcher {
  readonly #byName: ReadonlyMap<string, CommandModule>;

  constructor(commands: readonly CommandModule[]) {
    this.#byName = new Map(commands.map((command) => [command.definition.name, command]));
    for (const command of commands) {
      for (const route of command.buttons ?? []) {
        // Presses are routed by their id's first part: a route under another command would never be reached.
        if (route.command !== command.definition.name)
          throw new Error(`/${command.definition.name} lists a button of "${route.command}"`);
      }
    }
  }

  /** Whether `name` is a registered command (anything else is named "unknown" in metrics). */
  knows(name: string): boolean {
    return this.#byName.has(name);
  }

  async dispatch(interaction: PlainInteraction, context: CommandContext): Promise<DispatchResult> {
    try {
      const response = await this.#route(interaction, context);
      return { response, outcome: response.kind === "message" && response.rejected === true ? "rejected" : "ok" };
    } catch (error) {
      const ref = newRef();
      context.log.error(
        {
          err: error,
          ref,
          command: interactionName(interaction),
          user: interaction.userId,
          guild: interaction.guildId,
          kind: interaction.kind,
        },
        "handler failed",
      );
      // Autocomplete cannot show a message; an empty list is the polite failure.
      const response: InteractionResponse =
        interaction.kind === "autocomplete"
          ? { kind: "choices", choices: [] }
          : { kind: "message", message: internalError(interaction, ref) };
      return { response, outcome: "error", ref };
    }
  }

  async #route(interaction: PlainInteraction, context: CommandContext): Promise<InteractionResponse> {
    const refuse = (key: "error.unknownCommand" | "error.staleButton"): InteractionResponse => ({
      kind: "message",
      message: notice(t(interaction.locale, key)),
      rejected: true,
    });
    if (interaction.kind === "button") {
      const module = this.#byName.get(customIdCommand(interaction.customId));
      for (const route of module?.buttons ?? []) {
        const answer = route.answer(interaction, interaction.customId, context);
        if (answer !== undefined) return answer;
      }
      return refuse("error.staleButton");
    }
    const module = this.#byName.get(interaction.command);
    if (interaction.kind === "autocomplete") {
      const input = module?.autocomplete === undefined ? undefined : readAutocomplete(module.definition, interaction);
      const choices = input === undefined ? [] : (module?.autocomplete?.(interaction, input, context) ?? []);
      return { kind: "choices", choices: clampChoices(choices) };
    }
    if (module === undefined) return refuse("error.unknownCommand");
    const read = readOptions(module.definition, interaction.options);
    if (!read.ok) return refuse("error.unknownCommand");
    return module.run(interaction, read.options, context);
  }
}

/** At most 25 choices, names 1–100 characters, values at most 100, no duplicate values. */
function clampChoices(
  choices: readonly { name: string; value: string | number }[],
): { name: string; value: string | number }[] {
  const seen = new Set<string | number>();
  const kept: { name: string; value: string | number }[] = [];
  for (const choice of choices) {
    if (kept.length === LIMITS.choices) break;
    const name = truncate(choice.name.trim(), LIMITS.choiceName);
    const value = typeof choice.value === "string" ? truncate(choice.value, LIMITS.choiceValue) : choice.value;
    if (name === "" || value === "" || seen.has(value)) continue;
    seen.add(value);
    kept.push({ name, value });
  }
  return kept;
}
