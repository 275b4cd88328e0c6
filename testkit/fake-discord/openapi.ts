/**
 * Request bodies checked against Discord's own description of its API: the OpenAPI 3.1 file of
 * discord/discord-api-spec, which every developer and CI run has at `../shared/discord-openapi.json` from
 * the repository's root. A body that does not conform to its operation's request schema is refused with
 * Discord's 400 "Invalid Form Body" (50035), errors nested by field as Discord nests them.
 *
 * The file is read and the validators compiled once per process, lazily: a fake that never receives a
 * body of some operation never compiles its schema.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import type { RouteResult } from "./answers.js";
import { isRecord } from "./json.js";
import type { RecordedRequest } from "./records.js";
import type { RouteStep } from "./rest-server.js";

/** Where the description is: `../shared` from the repository's root. */
export const OPENAPI_FILE = path.resolve(import.meta.dirname, "../../../shared/discord-openapi.json");

/** The id under which the description's `components.schemas` are registered (as `$defs`). */
const SCHEMAS_ID = "https://discord.com/api/v10/openapi-schemas";

/** Properties Discord documents as permission bit sets: typed integers in the file, accepted as digit strings too. */
const PERMISSION_PROPERTIES = new Set(["permissions", "default_member_permissions", "allow", "deny"]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Operation {
  readonly method: string;
  readonly segments: readonly string[];
  /** How many segments are literal: `/messages/@original` beats `/messages/{message_id}`. */
  readonly literals: number;
  readonly schema: Json;
  validate?: ValidateFunction;
}

/** One field's refusal, as Discord lists them under `errors`. */
export interface SchemaError {
  /** The field, as a path of property names and indices (`["data", "components", 0, "label"]`). */
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

let compiled: { ajv: Ajv2020; operations: Operation[] } | undefined;

/**
 * Rewrites what Ajv cannot or should not take as it stands: `#/components/schemas/X` references point at
 * the registered `$defs`, empty `enum`s (which nothing could satisfy) are dropped, permission bit sets
 * also accept strings of digits, and unions told apart by their `type` become discriminated (below).
 */
function prepare(node: Json, schemas: Readonly<Record<string, Json>>, key?: string): Json {
  if (Array.isArray(node)) return node.map((item) => prepare(item, schemas));
  if (node === null || typeof node !== "object") return node;
  let out: Record<string, Json> = {};
  for (const [name, value] of Object.entries(node)) {
    if (name === "enum" && Array.isArray(value) && value.length === 0) continue;
    if (name === "$ref" && typeof value === "string" && value.startsWith(LOCAL_REF)) {
      out.$ref = DEFS_REF + value.slice(LOCAL_REF.length);
      continue;
    }
    if (name === "properties" && isRecord(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([prop, schema]) => [prop, prepare(schema, schemas, prop)]),
      );
      continue;
    }
    out[name] = prepare(value, schemas);
  }
  out = discriminated(out, schemas);
  const type = out.type;
  const integer = type === "integer" || (Array.isArray(type) && type.includes("integer"));
  if (key !== undefined && PERMISSION_PROPERTIES.has(key) && integer)
    return { anyOf: [out, { type: "string", pattern: "^[0-9]{1,20}$" }] };
  return out;
}

const LOCAL_REF = "#/components/schemas/";
/** What a local reference becomes. */
const DEFS_REF = `${SCHEMAS_ID}#/$defs/`;

/**
 * A union whose branches are objects told apart by their `type` (interaction callbacks, components)
 * checks the body against the one branch its `type` names, so a refusal names what is wrong there
 * ("data.content: too long") rather than how the body differs from every other branch.
 */
function discriminated(node: Record<string, Json>, schemas: Readonly<Record<string, Json>>): Record<string, Json> {
  const union = node.anyOf ?? node.oneOf;
  if (!Array.isArray(union) || union.length < 2) return node;
  const branches: { ref: Json; types: Json[] }[] = [];
  for (const branch of union) {
    const ref = isRecord(branch) && typeof branch.$ref === "string" ? branch.$ref : undefined;
    const target = ref?.startsWith(DEFS_REF) ? schemas[ref.slice(DEFS_REF.length)] : undefined;
    const properties = isRecord(target) && isRecord(target.properties) ? target.properties : undefined;
    const typeSchema = properties && isRecord(properties.type) ? properties.type : undefined;
    if (ref === undefined || !Array.isArray(typeSchema?.enum)) return node;
    branches.push({ ref, types: typeSchema.enum });
  }
  const all = branches.flatMap((branch) => branch.types);
  if (new Set(all).size !== all.length) return node;
  const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = node;
  return {
    ...rest,
    type: "object",
    required: ["type"],
    properties: { type: { enum: all } },
    allOf: branches.map(({ ref, types }) => ({
      if: { properties: { type: { enum: types } } },
      then: { $ref: ref },
    })),
  };
}

function load(): { ajv: Ajv2020; operations: Operation[] } {
  if (compiled) return compiled;
  if (!existsSync(OPENAPI_FILE))
    throw new Error(
      `fake-discord: Discord's OpenAPI description is not at ${OPENAPI_FILE} (../shared/discord-openapi.json from the repository's root)`,
    );
  const spec = JSON.parse(readFileSync(OPENAPI_FILE, "utf8")) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Json }> } }>>;
    components: { schemas: Record<string, Json> };
  };
  // strict: false — the file carries its own annotations (`x-discord-union`) that Ajv need not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormatsPlugin.default(ajv, ["date-time", "uri"]);
  for (const format of ["int32", "int64", "double"]) ajv.addFormat(format, { type: "number", validate: () => true });
  for (const format of ["snowflake", "nonce"]) ajv.addFormat(format, { type: "string", validate: () => true });
  const schemas = spec.components.schemas;
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: prepare(schemas, schemas) });

  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    const segments = template.split("/").filter(Boolean);
    for (const [method, operation] of Object.entries(methods)) {
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      if (schema === undefined) continue;
      const literals = segments.filter((segment) => !segment.startsWith("{")).length;
      operations.push({ method: method.toUpperCase(), segments, literals, schema: prepare(schema, schemas) });
    }
  }
  compiled = { ajv, operations };
  return compiled;
}

/** The operation `method path` is (the most literal match), or undefined when the file describes no body for it. */
function operationOf(method: string, requestPath: string): Operation | undefined {
  const actual = requestPath.split("/").filter(Boolean);
  let best: Operation | undefined;
  for (const operation of load().operations) {
    if (operation.method !== method || operation.segments.length !== actual.length) continue;
    const fits = operation.segments.every((segment, i) => segment.startsWith("{") || segment === actual[i]);
    if (fits && (best === undefined || operation.literals > best.literals)) best = operation;
  }
  return best;
}

/**
 * Why `body` does not conform to the request schema of `method path` (decoded, without `/api/v10`); empty
 * when it conforms or the description has no request schema for that operation.
 */
export function schemaErrors(method: string, requestPath: string, body: unknown): SchemaError[] {
  if (body === undefined) return [];
  const operation = operationOf(method, requestPath);
  if (operation === undefined) return [];
  operation.validate ??= load().ajv.compile(operation.schema as object);
  if (operation.validate(body)) return [];
  return mostSpecific(operation.validate.errors ?? []).map((error) => ({
    path: pathOf(error.instancePath),
    code: codeOf(error),
    message: messageOf(error),
  }));
}

/**
 * The errors that say what is wrong: not the summary of a failed union or `if`, nor "must be null" from the
 * `null` branch of a nullable field; each once.
 */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (["anyOf", "oneOf", "if"].includes(error.keyword)) return false;
    if (error.keyword === "type" && error.params.type === "null") return false;
    const key = `${error.instancePath} ${messageOf(error)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pathOf(instancePath: string): (string | number)[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Discord's error codes for the keywords a bot's bodies are likely to break. */
function codeOf(error: ErrorObject): string {
  switch (error.keyword) {
    case "maxLength":
      return "BASE_TYPE_MAX_LENGTH";
    case "minLength":
      return "BASE_TYPE_MIN_LENGTH";
    case "maxItems":
      return "BASE_TYPE_MAX_LENGTH";
    case "minItems":
      return "BASE_TYPE_MIN_LENGTH";
    case "required":
      return "BASE_TYPE_REQUIRED";
    case "enum":
    case "const":
      return "BASE_TYPE_CHOICES";
    default:
      return "BASE_TYPE_INVALID";
  }
}

function messageOf(error: ErrorObject): string {
  return error.message ?? error.keyword;
}

/** One line per error, for `request.errors` and failure messages: `data.content: must NOT have more than 2000 characters`. */
export function describeSchemaError(error: SchemaError): string {
  const where = error.path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`));
  return `${where.join("") || "body"}: ${error.message} (${error.code}; Discord's OpenAPI description)`;
}

/** Discord's 400 body for these errors: `{ code: 50035, message: "Invalid Form Body", errors: { data: { content: { _errors: […] } } } }`. */
export function invalidFormBody(errors: readonly SchemaError[]): RouteResult {
  const tree: Record<string, unknown> = {};
  for (const { path: at, code, message } of errors) {
    let node = tree;
    for (const part of at) {
      const key = String(part);
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as { code: string; message: string }[];
    list.push({ code, message });
  }
  return { status: 400, body: { code: 50035, message: "Invalid Form Body", errors: tree } };
}

/**
 * The route step that refuses a body not conforming to its operation's request schema, as Discord would,
 * before the route's own checks; `refused` is told of each (the fake counts them).
 */
export function checkBodySchema(
  enabled: boolean,
  refused: (request: RecordedRequest, errors: string[], answer: RouteResult) => void,
): RouteStep {
  return ({ request }) => {
    if (!enabled) return null;
    const errors = schemaErrors(request.method, request.path, request.body);
    if (errors.length === 0) return null;
    const answer = invalidFormBody(errors);
    request.errors = errors.map(describeSchemaError);
    refused(request, request.errors, answer);
    return answer;
  };
}

/** A callback body's refusals, described: for tests that build replies without the fake. */
export function callbackSchemaErrors(body: unknown): string[] {
  return schemaErrors("POST", "/interactions/1/token/callback", body).map(describeSchemaError);
}

/** An edit of an interaction's reply (`PATCH …/messages/@original`): its refusals, described. */
export function editSchemaErrors(body: unknown): string[] {
  return schemaErrors("PATCH", "/webhooks/1/token/messages/@original", body).map(describeSchemaError);
}
