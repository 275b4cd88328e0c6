/**
 * The life of each interaction the fake knows: registered when built or sent, its callback judged as
 * Discord judges it (deadline, double acknowledgement, response type, limits), its original message and
 * follow-ups created, edited, fetched and deleted through the webhook routes.
 */
import { discordError, refusal, type RouteResult } from "./answers.js";
import { isRecord } from "./json.js";
import { choiceErrors, FLAG_EPHEMERAL, FLAG_LOADING, messageErrors } from "./limits.js";
import { pingsOf } from "./mentions.js";
import { applyEdit, botMessage } from "./messages.js";
import type { InteractionCallback, InteractionPayload, MessageData, RawMessage, RawUser } from "./payloads.js";
import type { InteractionRecord, RecordedRequest } from "./records.js";
import type { RouteContext, RouteStep } from "./rest-server.js";
import { WaitList } from "./wait-list.js";

/** Discord's limit on follow-ups for an app installed by the user only (June 2024). */
const MAX_USER_INSTALL_FOLLOWUPS = 5;

export interface InteractionRules {
  /** Refuse bodies that break Discord's limits. */
  readonly validate: boolean;
  /** Refuse callbacks later than this after dispatch (404 Unknown interaction). */
  readonly callbackDeadlineMs: number | undefined;
}

export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  /** Every message an interaction has created (and the earlier messages buttons were pressed on), by id. */
  private readonly messages = new Map<string, RawMessage>();
  private readonly callbackWaiters = new WaitList<InteractionRecord>();

  /** `bot` is the bot user, whose id is the application id. */
  constructor(
    private readonly bot: RawUser,
    private readonly rules: InteractionRules,
  ) {}

  /** Makes callbacks and webhooks for this interaction acceptable; the same record when it is known already. */
  register(payload: InteractionPayload): InteractionRecord {
    const existing = this.byId.get(payload.id);
    if (existing) return existing;
    const record: InteractionRecord = { payload, rejectedCallbacks: [], followups: [] };
    this.byId.set(payload.id, record);
    this.byToken.set(payload.token, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  /** Remembers a message that exists before any interaction answered on it (a button's message). */
  keep(message: RawMessage): void {
    this.messages.set(message.id, message);
  }

  /** The route step that notes on a request which known interaction its path names. */
  readonly tagRequest: RouteStep = ({ request, params }) => {
    const record =
      params.id && params.token ? this.byId.get(params.id) : params.token ? this.byToken.get(params.token) : undefined;
    if (record) {
      request.interactionId = record.payload.id;
      request.interactionToken = record.payload.token;
    }
    return null;
  };

  /** Notes a refusal made in front of the route (a body Discord's description refuses) on the interaction's record. */
  noteRefused(request: RecordedRequest, result: RouteResult, errors: string[]): void {
    if (request.route !== "/interactions/:id/:token/callback" || request.interactionId === undefined) return;
    this.byId.get(request.interactionId)?.rejectedCallbacks.push({ status: result.status, body: request.body, errors });
  }

  /** Resolves once the interaction has an accepted callback (at once if it has one). */
  waitForCallback(
    record: InteractionRecord,
    timeoutMs: number,
    describeTimeout: () => string,
  ): Promise<InteractionRecord> {
    return this.callbackWaiters.wait(record.callback ? [record] : [], (r) => r === record, timeoutMs, describeTimeout);
  }

  rejectWaiters(error: Error): void {
    this.callbackWaiters.rejectAll(error);
  }

  /**
   * Judges a callback as Discord would and, if accepted, records it and creates or updates the
   * original message. Returns the refusal, or null when accepted. `request` is null for an HTTP-mode
   * answer, which never reaches the fake as a request.
   */
  acceptCallback(record: InteractionRecord, rawBody: unknown, request: RecordedRequest | null): RouteResult | null {
    const reject = (result: RouteResult, errors: string[] = []): RouteResult => {
      record.rejectedCallbacks.push({ status: result.status, body: rawBody, errors });
      return result;
    };
    const late = record.dispatchedAt === undefined ? 0 : Date.now() - record.dispatchedAt;
    if (this.rules.callbackDeadlineMs !== undefined && late > this.rules.callbackDeadlineMs) {
      return reject(discordError(404, 10062, "Unknown interaction"), [`callback ${late} ms after dispatch`]);
    }
    if (record.callback) return reject(discordError(400, 40060, "Interaction has already been acknowledged."));
    const body = isRecord(rawBody) ? (rawBody as unknown as InteractionCallback) : { type: -1 };
    const kind = record.payload.type;
    const errors: string[] = [];
    const allowed = kind === 4 ? [8] : kind === 3 || kind === 5 ? [4, 5, 6, 7, 9] : [4, 5, 9];
    if (!allowed.includes(body.type))
      errors.push(`type: ${String(body.type)} is not a valid response to an interaction of type ${kind}`);
    else if (body.type === 4 || body.type === 7)
      errors.push(...messageErrors(body.data, { requireContent: body.type === 4 }));
    else if (body.type === 8) errors.push(...choiceErrors(body.data));
    if (request && (body.type === 4 || body.type === 7)) request.pings = pingsOf(body.data);
    const refused = refusal(this.rules.validate, request, errors);
    if (refused) return reject(refused, errors);

    record.callback = structuredClone(body);
    record.callbackAt = Date.now();
    const data = body.data ?? {};
    const payload = record.payload;
    if (body.type === 4) record.original = botMessage(payload, data, 20, this.bot);
    else if (body.type === 5) {
      record.original = botMessage(payload, { flags: (data.flags ?? 0) & FLAG_EPHEMERAL }, 20, this.bot);
      record.original.flags |= FLAG_LOADING;
    } else if (body.type === 6 || body.type === 7) {
      // Component responses act on the message the component lives on.
      const message = payload.message
        ? (this.messages.get(payload.message.id) ?? structuredClone(payload.message))
        : undefined;
      if (message && body.type === 7) applyEdit(message, data);
      record.original = message ?? null;
    }
    if (record.original) this.messages.set(record.original.id, record.original);
    this.callbackWaiters.offer(record);
    return null;
  }

  /** `POST /interactions/:id/:token/callback`. */
  readonly onCallback = ({ request, params }: RouteContext): RouteResult => {
    const record = this.byId.get(params.id ?? "");
    if (!record || record.payload.token !== params.token) return discordError(404, 10062, "Unknown interaction");
    const refused = this.acceptCallback(record, request.body, request);
    if (refused) return refused;
    const body = record.callback!;
    const payload = record.payload;
    if (request.query.with_response !== "true") return { status: 204 };
    const original = record.original;
    return {
      status: 200,
      body: {
        interaction: {
          id: payload.id,
          type: payload.type,
          response_message_id: original?.id,
          response_message_loading: body.type === 5,
          response_message_ephemeral: ((original?.flags ?? 0) & FLAG_EPHEMERAL) !== 0,
        },
        ...(original && body.type !== 8 ? { resource: { type: body.type, message: original } } : {}),
      },
    };
  };

  /** `POST /webhooks/:app/:token`: a follow-up message. */
  readonly onFollowup = ({ request, params }: RouteContext): RouteResult => {
    const record = this.webhookInteraction(params);
    if ("status" in record) return record;
    request.pings = pingsOf(request.body);
    // A user-installed app (the server did not install it) gets at most 5 follow-ups per interaction.
    const userInstalled = !("0" in (record.payload.authorizing_integration_owners ?? {}));
    if (this.rules.validate && userInstalled && record.followups.length >= MAX_USER_INSTALL_FOLLOWUPS)
      return discordError(400, 40094, "This interaction has hit the maximum number of follow up messages");
    const refused = refusal(this.rules.validate, request, messageErrors(request.body, { requireContent: true }));
    if (refused) return refused;
    const message = botMessage(record.payload, request.body as MessageData, 0, this.bot);
    record.followups.push(message);
    this.messages.set(message.id, message);
    return request.query.wait === "false" ? { status: 204 } : { status: 200, body: message };
  };

  /** `GET`, `PATCH` and `DELETE /webhooks/:app/:token/messages/:message` (`@original` or a follow-up's id). */
  readonly onWebhookMessage = ({ request, params }: RouteContext): RouteResult => {
    const record = this.webhookInteraction(params);
    if ("status" in record) return record;
    const target =
      params.message === "@original" ? record.original : record.followups.find((m) => m.id === params.message);
    if (!target) return discordError(404, 10008, "Unknown Message");
    if (request.method === "GET") return { status: 200, body: target };
    if (request.method === "DELETE") {
      if (params.message === "@original") record.original = null;
      else record.followups = record.followups.filter((m) => m !== target);
      this.messages.delete(target.id);
      return { status: 204 };
    }
    request.pings = pingsOf(request.body);
    const refused = refusal(this.rules.validate, request, messageErrors(request.body, { requireContent: false }));
    if (refused) return refused;
    applyEdit(target, (request.body ?? {}) as MessageData);
    return { status: 200, body: target };
  };

  /** Resolves the interaction behind `/webhooks/:app/:token…`, or the 404 Discord would give. */
  private webhookInteraction(params: Record<string, string>): InteractionRecord | RouteResult {
    const record = params.app === this.bot.id ? this.byToken.get(params.token ?? "") : undefined;
    if (!record?.callback) return discordError(404, 10015, "Unknown Webhook");
    return record;
  }
}

/** What `describeUnanswered` reports besides the interaction: where it was sent and what the fake saw. */
export interface UnansweredContext {
  readonly shardId: number;
  readonly timeoutMs: number;
  /** The shard's session and connection, described. */
  readonly shard: string;
  readonly recentRequests: string;
}

/** Why an interaction has no accepted callback: what it was, the refused callbacks, the shard, the last requests. */
export function describeUnanswered(
  record: InteractionRecord,
  { shardId, timeoutMs, shard, recentRequests }: UnansweredContext,
): string {
  const { payload } = record;
  const what =
    typeof payload.data?.name === "string"
      ? `/${payload.data.name}`
      : typeof payload.data?.custom_id === "string"
        ? `button "${payload.data.custom_id}"`
        : `type ${payload.type}`;
  const lines = [
    `fake-discord: no accepted callback for interaction ${payload.id} (${what}) on shard ${shardId} within ${timeoutMs} ms.`,
  ];
  for (const rejected of record.rejectedCallbacks)
    lines.push(
      `  refused callback (${rejected.status}): ${rejected.errors.join("; ") || JSON.stringify(rejected.body)}`,
    );
  if (!Array.isArray(payload.entitlements) || !isRecord(payload.authorizing_integration_owners)) {
    lines.push(
      "  payload lacks entitlements: [] or authorizing_integration_owners: {} — discord.js drops such interactions silently.",
    );
  }
  lines.push(`  shard: ${shard}`, `  last requests: ${recentRequests}`);
  return lines.join("\n");
}
