/**
 * The command kit — what a slash command is: typed data (its definition, as Discord receives it) plus
 * handlers for the command, its autocomplete and its buttons. Handlers get their input typed (options from
 * the definition, so renaming one breaks the build; button data from its custom-id codec).
 */
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { CustomIdCodec } from "../render/custom-ids.js";
import type { ContentPublisher } from "../serving/publisher.js";
import type { ReloadEverywhere } from "../serving/reload-report.js";
import type { ContentStore, ContentSnapshot } from "../serving/store.js";
import type { Logger } from "../log.js";
import type { UsageReader } from "../stats/report.js";
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  CommandInteraction,
  InteractionResponse,
  OptionValue,
} from "./interaction.js";

/** A slash command, or a context-menu command (a message command: Apps → …), which has no options. */
export type CommandDefinition =
  RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;

type ValueOf<T> = T extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
  ? number
  : T extends ApplicationCommandOptionType.Boolean
    ? boolean
    : string;

type OptionOf<D> = D extends { readonly options: readonly (infer O)[] } ? O : never;

/** `{ keyword: string; speaker: string | undefined; … }` from a command's definition. */
export type OptionsOf<D> = ValuesOf<OptionOf<D>>;

/** The values of options `Options`, by name: a required one always present, the others perhaps undefined. */
type ValuesOf<Options> = {
  readonly [O in Options as O extends { readonly name: infer N extends string } ? N : never]: O extends {
    readonly type: infer T;
  }
    ? O extends { readonly required: true }
      ? ValueOf<T>
      : ValueOf<T> | undefined
    : never;
};

type AutocompleteName<O> = O extends { readonly name: infer N extends string; readonly autocomplete: true } ? N : never;

/** The options a value is typed into: a command's own, or, for a command with subcommands, theirs. */
type LeafOptionOf<D> =
  OptionOf<D> extends infer O
    ? O extends { readonly type: ApplicationCommandOptionType.Subcommand }
      ? OptionOf<O>
      : O
    : never;

/**
 * What an autocomplete handler reads, typed from the definition like a command's options: the option
 * being typed in (one with `autocomplete: true`) and the other options as far as they are filled in.
 */
export interface AutocompleteInput<D> {
  readonly focused: { readonly name: AutocompleteName<LeafOptionOf<D>>; readonly value: string };
  /** Options not filled in yet, or holding a value of the wrong type, are undefined. */
  readonly options: {
    readonly [K in keyof ValuesOf<LeafOptionOf<D>>]?: Exclude<ValuesOf<LeafOptionOf<D>>[K], undefined>;
  };
}

/** The interaction an autocomplete handler gets: its options come typed, in `AutocompleteInput`. */
export type AutocompleteAsker = Omit<AutocompleteInteraction, "options" | "focused">;

/** What every handler may use: the content being served and the operator's settings. */
export interface CommandContext {
  readonly content: ContentSnapshot;
  readonly store: ContentStore;
  readonly moderatorRoleIds: ReadonlySet<string>;
  readonly log: Logger;
  /** Reloads the content wherever it is served: this process, or every shard (wired up by main). */
  readonly reloadEverywhere: ReloadEverywhere;
  /** The usage statistics /stats reads; undefined when they are off (`STATS=off`). */
  readonly stats?: UsageReader | undefined;
  /** Where the web pages are public (PUBLIC_URL): replies link to them. Undefined: no links. */
  readonly publicUrl?: string | undefined;
  /** Changes the content from Discord (/content), as versions; absent where there is no Discord to download from (the CLI). */
  readonly publisher?: ContentPublisher;
}

type Answer = InteractionResponse | Promise<InteractionResponse>;

/** One kind of button a command answers: its custom id decoded to typed data before the handler runs. */
export interface ButtonRoute {
  /** The command the ids belong to: it must be the name of the command that lists this route. */
  readonly command: string;
  /** The answer when `customId` is this kind of button; undefined when it is not (or is garbled). */
  answer(interaction: ButtonInteraction, customId: string, context: CommandContext): Answer | undefined;
}

/** A button route: `run` receives what `codec` decoded, and is not called for an id it cannot decode. */
export function onButton<T>(
  codec: CustomIdCodec<T>,
  run: (interaction: ButtonInteraction, data: T, context: CommandContext) => Answer,
): ButtonRoute {
  return {
    command: codec.command,
    answer(interaction, customId, context) {
      const data = codec.decode(customId);
      return data === undefined ? undefined : run(interaction, data, context);
    },
  };
}

export interface CommandModule<D extends CommandDefinition = CommandDefinition> {
  readonly definition: D;
  run(interaction: CommandInteraction, options: OptionsOf<D>, context: CommandContext): Answer;
  autocomplete?(
    interaction: AutocompleteAsker,
    input: AutocompleteInput<D>,
    context: CommandContext,
  ): readonly APIApplicationCommandOptionChoice[];
  /** The buttons this command's replies carry; a pressed button no route decodes is answered as out of date. */
  readonly buttons?: readonly ButtonRoute[];
}

/** Keeps `D`'s literal types while checking it is a valid command module. */
export function defineCommand<const D extends CommandDefinition>(module: CommandModule<D>): CommandModule<D> {
  return module;
}

type DefinedOption = NonNullable<RESTPostAPIChatInputApplicationCommandsJSONBody["options"]>[number];

/** Something that may list options: a command's definition, or a subcommand. */
type WithOptions = CommandDefinition | { readonly options?: readonly DefinedOption[] | undefined };

/** A definition's (or a subcommand's) options: none for a context-menu command. */
export function optionsOf(definition: WithOptions): readonly DefinedOption[] {
  return "options" in definition ? (definition.options ?? []) : [];
}

/** Whether a raw value has the type the option declares (forged or stale payloads can carry anything). */
function fits(option: DefinedOption, value: OptionValue): boolean {
  const expected =
    option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number
      ? "number"
      : option.type === ApplicationCommandOptionType.Boolean
        ? "boolean"
        : "string";
  return typeof value === expected && (expected !== "number" || Number.isFinite(value));
}

/**
 * Checks raw option values against the definition and returns them typed, or the name of the first
 * option that is missing or of the wrong type.
 */
export function readOptions<D extends WithOptions>(
  definition: D,
  raw: Readonly<Record<string, OptionValue>>,
): { ok: true; options: OptionsOf<D> } | { ok: false; option: string } {
  const options: Record<string, OptionValue | undefined> = {};
  for (const option of optionsOf(definition)) {
    const value = raw[option.name];
    const required = "required" in option && option.required === true;
    if (value === undefined) {
      if (required) return { ok: false, option: option.name };
      options[option.name] = undefined;
      continue;
    }
    if (!fits(option, value)) return { ok: false, option: option.name };
    options[option.name] = value;
  }
  return { ok: true, options: options as OptionsOf<D> };
}

/**
 * An autocomplete request typed by the definition, or undefined when the focused option is not one the
 * definition autocompletes (there is nothing to suggest). Values of the wrong type read as undefined.
 */
export function readAutocomplete<D extends CommandDefinition>(
  definition: D,
  interaction: AutocompleteInteraction,
): AutocompleteInput<D> | undefined {
  // A subcommand's options are its own: /content remove's `interview` is not /content upload's.
  const subcommand =
    interaction.subcommand === undefined
      ? undefined
      : optionsOf(definition).find(
          (option): option is APIApplicationCommandSubcommandOption =>
            option.type === ApplicationCommandOptionType.Subcommand && option.name === interaction.subcommand,
        );
  const listing: WithOptions = subcommand ?? definition;
  const focused = optionsOf(listing).find((option) => option.name === interaction.focused.name);
  if (focused === undefined || !("autocomplete" in focused) || focused.autocomplete !== true) return undefined;
  const options: Record<string, OptionValue> = {};
  for (const option of optionsOf(listing)) {
    const value = interaction.options[option.name];
    if (value !== undefined && fits(option, value)) options[option.name] = value;
  }
  return { focused: interaction.focused, options } as AutocompleteInput<D>;
}

/** English description plus its zh-CN and zh-TW translations, as Discord's definition fields. */
export function describe(en: string, zhCN: string, zhTW: string) {
  return { description: en, description_localizations: { "zh-CN": zhCN, "zh-TW": zhTW } } as const;
}

/** Localized names for a command or option (Discord still sends the English name back). */
export function names<const N extends string>(en: N, zhCN: string, zhTW: string) {
  return { name: en, name_localizations: { "zh-CN": zhCN, "zh-TW": zhTW } } as const;
}

export type Choice = APIApplicationCommandOptionChoice<string>;
