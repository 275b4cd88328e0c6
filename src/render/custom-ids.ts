/**
 * Button custom ids: `command:part:part…`, at most 100 characters. Parts are escaped so that any value
 * (an interview id, a speaker, a query) can be carried, and everything a button needs is in its id —
 * it works after a restart and on any shard or replica.
 */

const escapePart = (value: string): string => value.replace(/%/g, "%25").replace(/:/g, "%3A");

function unescapePart(value: string): string {
  return value.replace(/%3A/gi, ":").replace(/%25/g, "%");
}

export function customId(command: string, ...parts: readonly (string | number)[]): string {
  return [command, ...parts.map((part) => escapePart(String(part)))].join(":");
}

export function parseCustomId(id: string): { command: string; args: string[] } {
  const [command = "", ...args] = id.split(":");
  return { command, args: args.map(unescapePart) };
}
