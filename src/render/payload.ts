/** The shape of every reply message, as Discord receives it: what render makes and every transport sends. */
import type { APIInteractionResponseCallbackData } from "discord-api-types/v10";

/**
 * A message as Discord receives it; `allowed_mentions` is always `{ parse: [] }` (see `message()` in
 * message.ts), with at most the one member a user chose to address (`addressedTo`) listed in `users`.
 */
export type MessagePayload = APIInteractionResponseCallbackData & {
  readonly allowed_mentions: { readonly parse: readonly []; readonly users?: readonly [string] };
};
