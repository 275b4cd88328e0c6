/**
 * The registry: the one list of commands that deployment writes to Discord and that dispatch routes on.
 */
import type { CommandModule } from "../src/interactions/command.js";
import { content } from "./content.js";
import { questions } from "./questions.js";
import { quote } from "./quote.js";
import { reload } from "./reload.js";
import { stats } from "./stats.js";
import { summary } from "./summary.js";

export const commands: readonly CommandModule[] = [questions, summary, quote, reload, content, stats];

export const commandDefinitions = commands.map((command) => command.definition);
