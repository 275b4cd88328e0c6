/**
 * Every command through the real Dispatcher, with arbitrary options, custom ids, locales, members and
 * autocomplete input, on arbitrary generated content: no handler fails, every payload fits Discord's
 * limits and pings no one. Buttons in a reply are pressed and autocomplete suggestions picked, as a
 * user would. Search queries are fuzzed here too, through /quote and its autocomplete.
 */
import { MessageFlags, PermissionFlagsBits } from "discord-api-types/v10";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/interactions/command.js";
import type { ContentLibrary } from "../../src/content/model.js";
import type { ContentStore } from "../../src/serving/store.js";
import { parseInterview } from "../../src/content/parse.js";
import { Dispatcher } from "../../src/interactions/dispatch.js";
import type { InteractionResponse, PlainInteraction } from "../../src/interactions/interaction.js";
import type { MessagePayload } from "../../src/render/payload.js";
import { createLogger } from "../../src/log.js";
import { localeOf } from "../../src/render/strings.js";
import { commands } from "../../commands/index.js";
import { callbackSchemaErrors, editSchemaErrors, messageErrors } from "../../testkit/fake-discord.js";
import { buttonsOf, contextOf, expectChoicesWithinLimits, expectWithinLimits, seedStore, storeOf } from "../helpers.js";
import {
  envCount,
  fuzzInteraction,
  fuzzParameters,
  inlineText,
  interviewFiles,
  searchQuery,
  vocabularyOf,
  type FuzzInteraction,
  type GeneratedFile,
} from "./arbitraries.js";

const MODERATOR_ROLE = "1187654321098765111";
/** Scenarios by default (each: up to three interviews, a dozen interactions and a walk through the content). */
const RUNS = envCount("FUZZ_RUNS", 30);
const dispatcher = new Dispatcher(commands);

const MEMBER_PERMISSIONS: Record<FuzzInteraction["member"], bigint | undefined> = {
  everyone: PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands,
  moderatorRole: PermissionFlagsBits.SendMessages,
  manageGuild: PermissionFlagsBits.ManageGuild,
  administrator: PermissionFlagsBits.Administrator,
  none: undefined,
};

/** The plain interaction a transport would make of a generated one. */
function plainOf(fuzz: FuzzInteraction): PlainInteraction {
  const base = {
    id: "1200000000000000001",
    locale: localeOf(fuzz.locale),
    userId: "1100000000000000002",
    userName: "<@1100000000000000002> @everyone",
    guildId: fuzz.dm ? undefined : "1187654321098765000",
    memberPermissions: fuzz.dm ? undefined : MEMBER_PERMISSIONS[fuzz.member],
    memberRoles: !fuzz.dm && fuzz.member === "moderatorRole" ? [MODERATOR_ROLE] : [],
  };
  if (fuzz.kind === "button") return { ...base, kind: "button", customId: fuzz.customId, ephemeral: fuzz.ephemeral };
  if (fuzz.kind === "command") return { ...base, kind: "command", command: fuzz.name, options: fuzz.options };
  return {
    ...base,
    kind: "autocomplete",
    command: fuzz.name,
    options: { ...fuzz.options, [fuzz.focused]: fuzz.typed },
    focused: { name: fuzz.focused, value: fuzz.typed },
  };
}

/** Dispatches one interaction and checks what the user would get; returns it for follow-up presses. */
async function answer(
  interaction: PlainInteraction,
  context: CommandContext,
  failures: string[],
): Promise<InteractionResponse> {
  const { response, outcome } = await dispatcher.dispatch(interaction, context);
  if (outcome === "error") {
    const described = JSON.stringify(interaction, (_key, value: unknown) =>
      typeof value === "bigint" ? String(value) : value,
    );
    expect.fail(`${described} failed:\n${failures.join("\n")}`);
  }
  if (response.kind === "choices") {
    expectChoicesWithinLimits(response.choices);
    expect(callbackSchemaErrors({ type: 8, data: { choices: response.choices } })).toEqual([]);
  } else if (response.kind === "delete") {
    expect(callbackSchemaErrors({ type: 6 })).toEqual([]);
  } else {
    const message = await messageOf(response);
    expectWithinLimits(message);
    // The fake Discord's checks too: what it refuses, Discord would.
    expect(messageErrors(message, { requireContent: response.kind !== "update" })).toEqual([]);
    // And Discord's OpenAPI description of the body it arrives in.
    if (response.kind === "deferred") expect(editSchemaErrors(message)).toEqual([]);
    else expect(callbackSchemaErrors({ type: response.kind === "update" ? 7 : 4, data: message })).toEqual([]);
  }
  return response;
}

async function messageOf(
  response: Exclude<InteractionResponse, { kind: "choices" | "delete" }>,
): Promise<MessagePayload> {
  return response.kind === "deferred" ? response.work() : response.message;
}

/** Presses every button of a reply, and picks the first autocomplete suggestion, as a user would. */
async function followUp(
  interaction: PlainInteraction,
  response: InteractionResponse,
  context: CommandContext,
  failures: string[],
): Promise<void> {
  if (response.kind === "choices") {
    const [first] = response.choices;
    if (first === undefined || interaction.kind !== "autocomplete") return;
    const options = { ...interaction.options, [interaction.focused.name]: first.value };
    await answer({ ...interaction, kind: "command", options }, context, failures);
    return;
  }
  if (response.kind === "delete") return;
  const message = await messageOf(response);
  for (const button of buttonsOf(message)) {
    const pressed: PlainInteraction = {
      ...interaction,
      kind: "button",
      customId: button.custom_id,
      ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
    };
    await answer(pressed, context, failures);
  }
}

/** A context over `store` whose logged errors land in `failures`. */
function contextOver(store: ContentStore, failures: string[]): CommandContext {
  const log = createLogger("error", {
    write: (line: string) => failures.push(line),
  } as unknown as NodeJS.WritableStream);
  return { ...contextOf(store, [MODERATOR_ROLE]), log };
}

/** A context serving the files that parse (loose files may not; none at all is a case too). */
function contextFor(files: readonly GeneratedFile[], failures: string[]): CommandContext {
  const valid = files.filter((file) => parseInterview(file.text, file.id, `${file.id}.md`).ok);
  return contextOver(storeOf(Object.fromEntries(valid.map((file) => [file.id, file.text]))), failures);
}

/** A plain member in a server, typing in English. */
const MEMBER = plainOf({
  kind: "command",
  name: "",
  options: {},
  focused: "",
  typed: "",
  customId: "",
  ephemeral: false,
  locale: "en-US",
  dm: false,
  member: "everyone",
});

/** Every page of /questions, every question's /summary and a /quote of each line's first word, for every interview. */
function walkthrough(library: ContentLibrary): PlainInteraction[] {
  const run = (name: string, options: Record<string, string | number>): PlainInteraction => ({
    ...MEMBER,
    kind: "command",
    command: name,
    options,
  });
  return library.interviews.flatMap((interview) => [
    ...Array.from({ length: Math.ceil(interview.questions.length / 10) }, (_, page) =>
      run("questions", { interview: interview.id, page: page + 1 }),
    ),
    ...interview.questions.map((question) =>
      run("summary", { interview: interview.id, question: String(question.number) }),
    ),
    ...interview.lines
      .slice(0, 20)
      .map((line) =>
        run("quote", { interview: interview.id, keyword: line.text.split(/\s+/)[0]?.slice(0, 100) ?? "" }),
      ),
  ]);
}

/** Generated content, and interactions that know its ids, speakers and words. */
const scenario = interviewFiles.chain((files) => {
  const vocabulary = vocabularyOf(contextFor(files, []).content.library);
  return fc.tuple(fc.constant(files), fc.array(fuzzInteraction(vocabulary), { minLength: 1, maxLength: 12 }));
});

describe("every command on arbitrary content and input", () => {
  it(
    "answers within Discord's limits, never with an internal error, and follows up cleanly; every page, summary and line renders",
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ([files, interactions]) => {
          const failures: string[] = [];
          const context = contextFor(files, failures);
          for (const interaction of [...interactions.map(plainOf), ...walkthrough(context.content.library)]) {
            const response = await answer(interaction, context, failures);
            await followUp(interaction, response, context, failures);
          }
        }),
        fuzzParameters(RUNS),
      );
    },
    RUNS * 1_000 + 30_000,
  );
});

describe("search queries through /quote on the seed", () => {
  it("never fail, fit the limits, and their suggestions and ◀ ▶ buttons work", async () => {
    const store = await seedStore();
    const vocabulary = vocabularyOf(store.current.library);
    const speaker = fc.option(fc.oneof(fc.constantFrom(...vocabulary.speakers), inlineText(12)), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(searchQuery(vocabulary), speaker, async (keyword, who) => {
        const failures: string[] = [];
        const context = contextOver(store, failures);
        const options: Record<string, string> = who === undefined ? { keyword } : { keyword, speaker: who };
        const interactions: PlainInteraction[] = [
          { ...MEMBER, kind: "command", command: "quote", options },
          { ...MEMBER, kind: "autocomplete", command: "quote", options, focused: { name: "keyword", value: keyword } },
          {
            ...MEMBER,
            kind: "autocomplete",
            command: "quote",
            options,
            focused: { name: "speaker", value: who ?? "" },
          },
        ];
        for (const interaction of interactions)
          await followUp(interaction, await answer(interaction, context, failures), context, failures);
      }),
      fuzzParameters(300),
    );
  }, 120_000);
});
