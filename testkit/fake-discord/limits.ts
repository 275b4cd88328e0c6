/**
 * Discord's limits on what a bot sends, checked as Discord checks them: messages (content, embeds,
 * components, flags, allowed mentions), autocomplete choices and command definitions. Each check returns
 * one line per violation; an empty list means Discord would accept the body.
 */
import { isRecord, str } from "./json.js";

// Message flags Discord accepts on interaction responses and webhook messages.
const FLAG_SUPPRESS_EMBEDS = 1 << 2;
export const FLAG_EPHEMERAL = 1 << 6;
/** Set by the fake on a deferred response's message until it is edited ("thinking…"). */
export const FLAG_LOADING = 1 << 7;
const FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12;
const FLAG_COMPONENTS_V2 = 1 << 15;
export const SENDABLE_FLAGS = FLAG_SUPPRESS_EMBEDS | FLAG_EPHEMERAL | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_COMPONENTS_V2;

/**
 * Discord's message limits; returns one line per violation (empty = valid). Lengths are UTF-16
 * units (JS `.length`), the stricter reading: what passes here passes on Discord.
 */
export function messageErrors(data: unknown, { requireContent }: { requireContent: boolean }): string[] {
  const errors: string[] = [];
  if (!isRecord(data)) return requireContent ? ["data: a message object is required"] : [];
  const { content, embeds, components, flags, allowed_mentions: am } = data;
  if (content !== undefined && content !== null) {
    if (typeof content !== "string") errors.push("content: must be a string");
    else if (content.length > 2000) errors.push(`content: ${content.length} characters, more than 2000`);
  }
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) errors.push("embeds: must be an array");
    else {
      if (embeds.length > 10) errors.push(`embeds: ${embeds.length}, more than 10`);
      let total = 0;
      embeds.forEach((embed, i) => {
        if (!isRecord(embed)) return void errors.push(`embeds[${i}]: must be an object`);
        const limit = (path: string, value: unknown, max: number): void => {
          const n = str(value).length;
          total += n;
          if (n > max) errors.push(`embeds[${i}].${path}: ${n} characters, more than ${max}`);
        };
        limit("title", embed.title, 256);
        limit("description", embed.description, 4096);
        if (isRecord(embed.footer)) limit("footer.text", embed.footer.text, 2048);
        if (isRecord(embed.author)) limit("author.name", embed.author.name, 256);
        const links: [string, unknown][] = [
          ["url", embed.url],
          ["author.url", isRecord(embed.author) ? embed.author.url : undefined],
        ];
        for (const [path, url] of links) {
          const error = embedUrlError(url);
          if (error) errors.push(`embeds[${i}].${path}: ${error}`);
        }
        const fields = Array.isArray(embed.fields) ? embed.fields : [];
        if (fields.length > 25) errors.push(`embeds[${i}].fields: ${fields.length}, more than 25`);
        fields.forEach((field: unknown, j) => {
          const f = isRecord(field) ? field : {};
          // Discord trims field names and values: whitespace alone is empty.
          if (!str(f.name).trim()) errors.push(`embeds[${i}].fields[${j}].name: required`);
          if (!str(f.value).trim()) errors.push(`embeds[${i}].fields[${j}].value: required`);
          limit(`fields[${j}].name`, f.name, 256);
          limit(`fields[${j}].value`, f.value, 1024);
        });
      });
      if (total > 6000) errors.push(`embeds: ${total} characters in total, more than 6000`);
    }
  }
  const flagBits = typeof flags === "number" ? flags : 0;
  if (flags !== undefined && flags !== null && (typeof flags !== "number" || (flagBits & ~SENDABLE_FLAGS) !== 0)) {
    errors.push(`flags: ${JSON.stringify(flags)} contains flags a message cannot be sent with`);
  }
  if (components !== undefined && components !== null) {
    if (!Array.isArray(components)) errors.push("components: must be an array");
    else if ((flagBits & FLAG_COMPONENTS_V2) === 0) errors.push(...actionRowErrors(components));
    else errors.push(...componentsV2Errors(components));
  }
  if ((flagBits & FLAG_COMPONENTS_V2) !== 0) {
    if (str(content)) errors.push("content: cannot be used with the IS_COMPONENTS_V2 flag");
    if (Array.isArray(embeds) && embeds.length > 0)
      errors.push("embeds: cannot be used with the IS_COMPONENTS_V2 flag");
  }
  if (isRecord(am)) {
    const parse = Array.isArray(am.parse) ? am.parse : [];
    if (parse.includes("users") && Array.isArray(am.users) && am.users.length > 0) {
      errors.push("allowed_mentions: parse 'users' and a users list are mutually exclusive");
    }
    if (parse.includes("roles") && Array.isArray(am.roles) && am.roles.length > 0) {
      errors.push("allowed_mentions: parse 'roles' and a roles list are mutually exclusive");
    }
  }
  if (requireContent) {
    const empty =
      !str(content) &&
      !(Array.isArray(embeds) && embeds.length > 0) &&
      !(Array.isArray(components) && components.length > 0) &&
      !(Array.isArray(data.attachments) && data.attachments.length > 0) &&
      data.poll === undefined;
    if (empty) errors.push("Cannot send an empty message (50006)");
  }
  return errors;
}

/** Discord's checks on an embed link ("Not a well formed URL."), or undefined when it passes. */
function embedUrlError(url: unknown): string | undefined {
  if (url === undefined || url === null) return undefined;
  if (typeof url !== "string") return "must be a string";
  if (url.length > 2048) return `${url.length} characters, more than 2048`;
  if (!URL.canParse(url)) return "Not a well formed URL.";
  const { protocol, hostname } = new URL(url);
  if (protocol !== "http:" && protocol !== "https:")
    return `Scheme "${protocol.slice(0, -1)}" is not supported. Scheme must be one of ('http', 'https').`;
  if (!hostname.includes(".")) return "Not a well formed URL.";
  return undefined;
}

/**
 * Components V2's limits on a whole message: at most 40 components counted at every depth, at most 4,000
 * characters of text across its text displays, and the action rows it nests held to their own rules.
 */
function componentsV2Errors(components: unknown[]): string[] {
  let count = 0;
  let text = 0;
  const rows: unknown[] = [];
  const visit = (component: unknown): void => {
    if (!isRecord(component)) return;
    count++;
    if (component.type === 10) text += str(component.content).length;
    if (component.type === 1) rows.push(component);
    else if (Array.isArray(component.components)) component.components.forEach(visit);
    if (isRecord(component.accessory)) visit(component.accessory);
    if (component.type === 1 && Array.isArray(component.components)) count += component.components.length;
  };
  components.forEach(visit);
  const errors: string[] = [];
  if (count > 40) errors.push(`components: ${count} components in all, more than 40`);
  if (text > 4000) errors.push(`components: ${text} characters of text in all, more than 4000`);
  // Nested rows: the same checks as top-level ones, custom ids unique across the message.
  return [...errors, ...actionRowErrors(rows).filter((error) => !error.includes("action rows, more than 5"))];
}

function actionRowErrors(rows: unknown[]): string[] {
  const errors: string[] = [];
  const customIds = new Set<string>();
  if (rows.length > 5) errors.push(`components: ${rows.length} action rows, more than 5`);
  rows.forEach((row, i) => {
    if (!isRecord(row) || row.type !== 1 || !Array.isArray(row.components)) {
      return void errors.push(`components[${i}]: must be an action row (type 1) with components`);
    }
    const children = row.components as unknown[];
    const selects = children.filter((c) => isRecord(c) && c.type !== 2).length;
    if (children.length === 0 || children.length > 5)
      errors.push(`components[${i}]: ${children.length} components, must be 1-5`);
    if (selects > 0 && children.length > 1) errors.push(`components[${i}]: a select menu must be alone in its row`);
    children.forEach((child, j) => {
      const where = `components[${i}].components[${j}]`;
      if (!isRecord(child)) return void errors.push(`${where}: must be an object`);
      const customId = child.custom_id;
      const isLink = child.type === 2 && (child.style === 5 || child.style === 6);
      if (!isLink) {
        if (typeof customId !== "string" || customId.length === 0) errors.push(`${where}.custom_id: required`);
        else {
          if (customId.length > 100) errors.push(`${where}.custom_id: ${customId.length} characters, more than 100`);
          if (customIds.has(customId)) errors.push(`${where}.custom_id: duplicate "${customId}"`);
          customIds.add(customId);
        }
      }
      if (child.type === 2) {
        if (str(child.label).length > 80) errors.push(`${where}.label: more than 80 characters`);
        if (typeof child.style !== "number" || child.style < 1 || child.style > 6)
          errors.push(`${where}.style: invalid`);
        if (!str(child.label) && !isRecord(child.emoji) && child.style !== 6)
          errors.push(`${where}: a button needs a label or an emoji`);
      } else if (child.type === 3) {
        const options = Array.isArray(child.options) ? child.options : [];
        if (options.length === 0 || options.length > 25)
          errors.push(`${where}.options: ${options.length}, must be 1-25`);
        options.forEach((option: unknown, k) => {
          const o = isRecord(option) ? option : {};
          for (const key of ["label", "value", "description"]) {
            if (str(o[key]).length > 100) errors.push(`${where}.options[${k}].${key}: more than 100 characters`);
          }
        });
      }
      if (str(child.placeholder).length > 150) errors.push(`${where}.placeholder: more than 150 characters`);
    });
  });
  return errors;
}

/** An autocomplete result's `choices`. */
export function choiceErrors(data: unknown): string[] {
  if (!isRecord(data) || !Array.isArray(data.choices)) return ["data.choices: required for an autocomplete result"];
  const errors: string[] = [];
  if (data.choices.length > 25) errors.push(`data.choices: ${data.choices.length}, more than 25`);
  data.choices.forEach((choice: unknown, i) => {
    const c = isRecord(choice) ? choice : {};
    const name = str(c.name).length;
    if (name < 1 || name > 100) errors.push(`data.choices[${i}].name: ${name} characters, must be 1-100`);
    if (typeof c.value === "string") {
      if (c.value.length > 100) errors.push(`data.choices[${i}].value: more than 100 characters`);
    } else if (typeof c.value !== "number") errors.push(`data.choices[${i}].value: must be a string or a number`);
  });
  return errors;
}

const COMMAND_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** The checks Discord applies to command definitions that a bot is most likely to trip. */
export function commandErrors(commands: unknown): string[] {
  if (!Array.isArray(commands)) return ["body: must be an array of commands"];
  const errors: string[] = [];
  const seen = new Set<string>();
  if (commands.filter((c) => isRecord(c) && (c.type ?? 1) === 1).length > 100)
    errors.push("more than 100 chat-input commands");
  commands.forEach((command, i) => {
    if (!isRecord(command)) return void errors.push(`${i}: must be an object`);
    const type = command.type ?? 1;
    const name = str(command.name);
    const key = `${JSON.stringify(type)}:${name}`;
    if (seen.has(key)) errors.push(`${i}.name: duplicate "${name}"`);
    seen.add(key);
    if (type === 1) {
      errors.push(...optionErrors(`${i}`, command));
    } else if (name.length < 1 || name.length > 32) errors.push(`${i}.name: must be 1-32 characters`);
  });
  return errors;
}

function optionErrors(where: string, item: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const name = str(item.name);
  if (!COMMAND_NAME.test(name) || name !== name.toLowerCase())
    errors.push(`${where}.name: "${name}" is not a valid lowercase name`);
  const description = str(item.description).length;
  if (description < 1 || description > 100)
    errors.push(`${where}.description: ${description} characters, must be 1-100`);
  if (Array.isArray(item.choices)) {
    if (item.choices.length > 25) errors.push(`${where}.choices: more than 25`);
    if (item.autocomplete === true && item.choices.length > 0)
      errors.push(`${where}: autocomplete and choices are exclusive`);
  }
  const options = item.options;
  if (options === undefined || options === null) return errors;
  if (!Array.isArray(options)) return [...errors, `${where}.options: must be an array`];
  if (options.length > 25) errors.push(`${where}.options: more than 25`);
  let optionalSeen = false;
  const names = new Set<string>();
  options.forEach((option: unknown, j) => {
    if (!isRecord(option)) return void errors.push(`${where}.options[${j}]: must be an object`);
    const isGroup = option.type === 1 || option.type === 2;
    if (!isGroup) {
      if (option.required === true && optionalSeen)
        errors.push(`${where}.options[${j}]: required options must come before optional ones`);
      if (option.required !== true) optionalSeen = true;
    }
    if (names.has(str(option.name))) errors.push(`${where}.options[${j}].name: duplicate`);
    names.add(str(option.name));
    errors.push(...optionErrors(`${where}.options[${j}]`, option));
  });
  return errors;
}
