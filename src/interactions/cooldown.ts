/**
 * Don't flood: each member may have so many public replies in one channel within a window (QUOTE_COOLDOWN,
 * 5 in 60 s by default). Past it the answer is still given, privately, with a line saying why. Kept in this
 * process's memory: each shard or HTTP replica counts what it answered.
 */
import { MessageFlags } from "discord-api-types/v10";
import { privately } from "../render/message.js";
import { t } from "../render/strings.js";
import type { InteractionResponse, PlainInteraction } from "./interaction.js";

export interface CooldownRule {
  /** Public replies a member may have in one channel within the window. */
  readonly replies: number;
  readonly seconds: number;
}

/** How many keys may pile up before stale ones are swept (a busy bot meets many members). */
const SWEEP_AT = 10_000;

export class Cooldown {
  /** Reply times (ms) within the window, by member and channel. */
  readonly #recent = new Map<string, number[]>();

  constructor(
    readonly rule: CooldownRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one public reply for `key` and says whether it is within the rule. A refused one is not counted. */
  take(key: string): boolean {
    const now = this.now();
    const since = now - this.rule.seconds * 1000;
    if (this.#recent.size >= SWEEP_AT) this.#sweep(since);
    const times = (this.#recent.get(key) ?? []).filter((time) => time > since);
    const allowed = times.length < this.rule.replies;
    if (allowed) times.push(now);
    this.#recent.set(key, times);
    return allowed;
  }

  #sweep(since: number): void {
    for (const [key, times] of this.#recent) if (times.every((time) => time <= since)) this.#recent.delete(key);
  }

  /**
   * The answer as it may go out: a public reply (a new message: a command's answer, or "Post in channel")
   * counts against the member's cooldown in that channel, and past it is made private with a line saying why.
   * Private replies, refusals and updates of a message pass as they are.
   */
  limit(interaction: PlainInteraction, response: InteractionResponse): InteractionResponse {
    if (response.kind !== "message" || response.rejected === true) return response;
    if (((response.message.flags ?? 0) & MessageFlags.Ephemeral) !== 0) return response;
    if (this.take(`${interaction.userId}:${interaction.channelId ?? "dm"}`)) return response;
    const { replies, seconds } = this.rule;
    const why = t(interaction.locale, "cooldown.private", { replies, seconds });
    return { ...response, message: privately(response.message, why) };
  }
}
