/**
 * Verbatim without its transport: the content being served, the command registry (handed in) and the logger.
 * Given a raw interaction it answers with a callback body and, for deferred work, a follow-up edit —
 * the gateway client and the HTTP endpoint both call this, so there is one set of handlers.
 */
import {
  InteractionResponseType,
  MessageFlags,
  type APIInteraction,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPostAPIInteractionCallbackJSONBody,
} from "discord-api-types/v10";
import type { CommandContext, CommandModule } from "./command.js";
import { reloadHere, type ReloadEverywhere } from "../serving/reload-report.js";
import type { ContentPublisher } from "../serving/publisher.js";
import type { ContentStore } from "../serving/store.js";
import { Dispatcher, interactionName, internalError, newRef, type Outcome } from "./dispatch.js";
import { fromRawInteraction, type InteractionResponse } from "./interaction.js";
import type { MessagePayload } from "../render/payload.js";
import type { Logger } from "../log.js";
import type { UsageReader } from "../stats/report.js";
import type { UsageNote } from "../stats/usage.js";

/** How a transport delivers an answer to Discord. */
export interface Responder {
  /** The interaction callback (POST …/callback, or the HTTP response body in HTTP mode). */
  callback(body: RESTPostAPIInteractionCallbackJSONBody): Promise<void>;
  /** Edits the original response after a deferred callback (PATCH /webhooks/{app}/{token}/messages/@original). */
  editOriginal(body: RESTPatchAPIWebhookWithTokenMessageJSONBody): Promise<void>;
}

export function callbackBody(
  response: Exclude<InteractionResponse, { kind: "deferred" }>,
): RESTPostAPIInteractionCallbackJSONBody {
  switch (response.kind) {
    case "message":
      return { type: InteractionResponseType.ChannelMessageWithSource, data: response.message };
    case "update":
      return { type: InteractionResponseType.UpdateMessage, data: response.message };
    case "choices":
      return {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [...response.choices] },
      };
  }
}

/** A webhook edit cannot change a message's flags; everything else carries over. */
function editBody(message: MessagePayload): RESTPatchAPIWebhookWithTokenMessageJSONBody {
  const { flags: _flags, tts: _tts, ...rest } = message;
  return rest;
}

export interface VerbatimSetup {
  /** The command registry, commands/index.ts: handed in, as the commands are built on this pipeline. */
  readonly commands: readonly CommandModule[];
  readonly store: ContentStore;
  readonly log: Logger;
  readonly moderatorRoleIds?: ReadonlySet<string>;
  /** What /reload reloads: this process's store unless main wires up the shards. */
  readonly reloadEverywhere?: ReloadEverywhere | undefined;
  /** Told of every answered interaction (main wires it to the metrics and the usage statistics). */
  readonly onAnswered?: ((answered: AnsweredInteraction) => void) | undefined;
  /** Where /stats reads the usage statistics; undefined when they are off. */
  readonly stats?: UsageReader | undefined;
  /** PUBLIC_URL: where replies link to the web pages. */
  readonly publicUrl?: string | undefined;
  /** What /content changes the content through (main builds it; without it /content says it is unavailable). */
  readonly publisher?: ContentPublisher | undefined;
}

/**
 * One interaction, answered: what the metrics and the usage statistics count. `command` is "unknown" for
 * names no command has.
 */
export interface AnsweredInteraction {
  readonly command: string;
  readonly kind: string;
  readonly outcome: Outcome;
  readonly latencyMs: number;
  /** Undefined in direct messages. */
  readonly guildId: string | undefined;
  /** What the answer showed, as its handler noted it. */
  readonly usage: UsageNote | undefined;
}

export class Verbatim {
  readonly #dispatcher: Dispatcher;
  readonly store: ContentStore;
  readonly log: Logger;
  readonly moderatorRoleIds: ReadonlySet<string>;
  readonly reloadEverywhere: ReloadEverywhere;
  readonly publicUrl: string | undefined;
  readonly #onAnswered: ((answered: AnsweredInteraction) => void) | undefined;
  readonly publisher: ContentPublisher | undefined;
  readonly stats: UsageReader | undefined;

  constructor({
    commands,
    store,
    log,
    moderatorRoleIds = new Set(),
    reloadEverywhere = reloadHere(store),
    onAnswered,
    stats,
    publicUrl,
    publisher,
  }: VerbatimSetup) {
    this.#dispatcher = new Dispatcher(commands);
    this.store = store;
    this.log = log;
    this.moderatorRoleIds = moderatorRoleIds;
    this.reloadEverywhere = reloadEverywhere;
    this.#onAnswered = onAnswered;
    this.stats = stats;
    this.publicUrl = publicUrl;
    this.publisher = publisher;
  }

  context(): CommandContext {
    return {
      content: this.store.current,
      store: this.store,
      moderatorRoleIds: this.moderatorRoleIds,
      log: this.log,
      reloadEverywhere: this.reloadEverywhere,
      stats: this.stats,
      publicUrl: this.publicUrl,
      ...(this.publisher === undefined ? {} : { publisher: this.publisher }),
    };
  }

  /**
   * Answers one raw interaction through `responder`. Never rejects: every failure is logged with a
   * reference id, and the user is told something went wrong whenever Discord still lets us say so.
   */
  async handle(raw: APIInteraction, responder: Responder): Promise<void> {
    const started = performance.now();
    const interaction = fromRawInteraction(raw);
    if (interaction === undefined) {
      this.log.debug({ type: raw.type, id: raw.id }, "ignored an interaction Verbatim does not handle");
      return;
    }
    const where = {
      command: interactionName(interaction),
      kind: interaction.kind,
      user: interaction.userId,
      guild: interaction.guildId,
      ...(interaction.kind === "button" ? { customId: interaction.customId.slice(0, 100) } : {}),
    };
    const { response, outcome: dispatched, ref } = await this.#dispatcher.dispatch(interaction, this.context());
    let outcome: Outcome = dispatched;
    let errorRef = ref;
    try {
      if (response.kind !== "deferred") {
        await responder.callback(callbackBody(response));
      } else {
        await responder.callback(
          response.update === true
            ? { type: InteractionResponseType.DeferredMessageUpdate }
            : {
                type: InteractionResponseType.DeferredChannelMessageWithSource,
                data: response.ephemeral ? { flags: MessageFlags.Ephemeral } : {},
              },
        );
        let message: MessagePayload;
        try {
          message = await response.work();
        } catch (error) {
          errorRef = newRef();
          outcome = "error";
          this.log.error({ ...where, err: error, ref: errorRef }, "deferred work failed");
          message = internalError(interaction, errorRef);
        }
        await responder.editOriginal(editBody(message));
      }
    } catch (error) {
      outcome = "error";
      errorRef ??= newRef();
      this.log.error({ ...where, err: error, ref: errorRef }, "could not deliver the answer to Discord");
    }
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    // Labels stay few: forged names must not grow the metrics without bound.
    this.#onAnswered?.({
      command: this.#dispatcher.knows(where.command) ? where.command : "unknown",
      kind: interaction.kind,
      outcome,
      latencyMs,
      guildId: interaction.guildId,
      usage: response.kind === "message" || response.kind === "update" ? response.usage : undefined,
    });
    this.log.info({ ...where, outcome, latencyMs, ...(errorRef ? { ref: errorRef } : {}) }, "interaction");
  }
}
