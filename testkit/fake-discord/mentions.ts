/** Who a message would notify: Discord's allowed-mentions rules applied to a message body. */
import { isRecord } from "./json.js";
import type { AllowedMentions } from "./payloads.js";

/** Who a message would notify, given its content and `allowed_mentions` (Discord's rules). */
export interface Pings {
  users: string[];
  roles: string[];
  everyone: boolean;
}

const MENTION_USER = /<@!?(\d{15,21})>/g;
const MENTION_ROLE = /<@&(\d{15,21})>/g;
const MENTION_EVERYONE = /@(everyone|here)\b/;

/** Collects every `content` string of a message body, including Components V2 text displays. */
function contentsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) contentsOf(item, out);
  else if (isRecord(value)) {
    if (typeof value.content === "string") out.push(value.content);
    if (Array.isArray(value.components)) contentsOf(value.components, out);
    if (isRecord(value.accessory)) contentsOf(value.accessory, out);
  }
  return out;
}

/**
 * Who a message body would ping under Discord's allowed-mentions rules: without `allowed_mentions`
 * every mention in the content pings; with it, only what `parse` or the `users`/`roles` lists allow.
 * Embeds never ping. Role/everyone permissions are not modelled (counted as pinging: conservative).
 */
export function pingsOf(body: unknown): Pings {
  const pings: Pings = { users: [], roles: [], everyone: false };
  if (!isRecord(body)) return pings;
  const text = contentsOf(body).join("\n");
  const am = isRecord(body.allowed_mentions) ? (body.allowed_mentions as AllowedMentions) : undefined;
  const parse = am ? (Array.isArray(am.parse) ? am.parse : []) : ["users", "roles", "everyone"];
  const userList = Array.isArray(am?.users) ? am.users : [];
  const roleList = Array.isArray(am?.roles) ? am.roles : [];
  for (const [, id] of text.matchAll(MENTION_USER)) {
    if (id && (parse.includes("users") || userList.includes(id)) && !pings.users.includes(id)) pings.users.push(id);
  }
  for (const [, id] of text.matchAll(MENTION_ROLE)) {
    if (id && (parse.includes("roles") || roleList.includes(id)) && !pings.roles.includes(id)) pings.roles.push(id);
  }
  pings.everyone = parse.includes("everyone") && MENTION_EVERYONE.test(text);
  return pings;
}

export function hasPings(pings: Pings | undefined): boolean {
  return !!pings && (pings.users.length > 0 || pings.roles.length > 0 || pings.everyone);
}
