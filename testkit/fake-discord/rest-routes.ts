/**
 * The REST routes the fake serves, as a table: login (`/gateway/bot`, `/users/@me`, the application),
 * application commands (global and per guild), interaction callbacks and the interaction webhooks.
 */
import { discordError, refusal, type RouteResult } from "./answers.js";
import type { CommandStore } from "./commands.js";
import type { FakeGuild } from "./guilds.js";
import type { InteractionStore } from "./interactions.js";
import { commandErrors } from "./limits.js";
import type { RawUser } from "./payloads.js";
import { route, type Route } from "./rest-server.js";

/** What the routes serve. */
export interface RestWorld {
  /** The bot user; its id is the application id. */
  readonly bot: RawUser;
  readonly guilds: readonly FakeGuild[];
  readonly commands: CommandStore;
  readonly interactions: InteractionStore;
  readonly gatewayUrl: () => string;
  /** `GET /gateway/bot`'s recommended shard count (tests may change it between logins). */
  readonly shards: () => number;
  readonly maxConcurrency: number;
  /** Refuse command definitions that break Discord's rules. */
  readonly validate: boolean;
}

export function discordRoutes(world: RestWorld): Route[] {
  const { bot, interactions } = world;
  return [
    route("GET", "/gateway", false, () => ({ status: 200, body: { url: world.gatewayUrl() } })),
    route("GET", "/gateway/bot", true, () => ({
      status: 200,
      body: {
        url: world.gatewayUrl(),
        shards: world.shards(),
        session_start_limit: {
          total: 1000,
          remaining: 1000,
          reset_after: 14_400_000,
          max_concurrency: world.maxConcurrency,
        },
      },
    })),
    route("GET", "/users/@me", true, () => ({ status: 200, body: bot })),
    route("GET", "/applications/@me", true, () => ({ status: 200, body: application(world) })),
    route("GET", "/oauth2/applications/@me", true, () => ({ status: 200, body: application(world) })),
    ...commandRoutes("/applications/:app/commands", world),
    ...commandRoutes("/applications/:app/guilds/:guild/commands", world),
    route("POST", "/interactions/:id/:token/callback", false, interactions.onCallback),
    route("POST", "/webhooks/:app/:token", false, interactions.onFollowup),
    route("GET", "/webhooks/:app/:token/messages/:message", false, interactions.onWebhookMessage),
    route("PATCH", "/webhooks/:app/:token/messages/:message", false, interactions.onWebhookMessage),
    route("DELETE", "/webhooks/:app/:token/messages/:message", false, interactions.onWebhookMessage),
  ];
}

function application({ bot, guilds }: RestWorld): Record<string, unknown> {
  return {
    id: bot.id,
    name: bot.username,
    icon: null,
    description: "",
    summary: "",
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: 0,
    team: null,
    owner: {
      id: guilds[0]?.ownerId ?? "1100000000000000001",
      username: "owner",
      discriminator: "0",
      global_name: null,
      avatar: null,
    },
    bot,
    approximate_guild_count: guilds.length,
    integration_types_config: { "0": {} },
  };
}

/** The command routes under `base` (`params.guild` absent: the global commands). */
function commandRoutes(base: string, { bot, commands, validate }: RestWorld): Route[] {
  const checkApp = (params: Record<string, string>): RouteResult | null =>
    params.app === bot.id ? null : discordError(404, 10002, "Unknown Application");
  const unknownCommand = () => discordError(404, 10063, "Unknown application command");
  return [
    route("GET", base, true, ({ params }) => checkApp(params) ?? { status: 200, body: commands.list(params.guild) }),
    route("PUT", base, true, ({ params, request }) => {
      const refused = checkApp(params) ?? refusal(validate, request, commandErrors(request.body));
      if (refused) return refused;
      commands.overwrite(request.body as Record<string, unknown>[], params.guild);
      return { status: 200, body: commands.list(params.guild) };
    }),
    route("POST", base, true, ({ params, request }) => {
      const refused = checkApp(params) ?? refusal(validate, request, commandErrors([request.body]));
      if (refused) return refused;
      const { command, created } = commands.upsert(request.body as Record<string, unknown>, params.guild);
      return { status: created ? 201 : 200, body: command };
    }),
    route("GET", `${base}/:command`, true, ({ params }) => {
      const command = commands.find(params.guild, params.command);
      return command ? { status: 200, body: command } : unknownCommand();
    }),
    route("PATCH", `${base}/:command`, true, ({ params, request }) => {
      const existing = commands.find(params.guild, params.command);
      if (!existing) return unknownCommand();
      return { status: 200, body: commands.patch(existing, request.body as Record<string, unknown>, params.guild) };
    }),
    route("DELETE", `${base}/:command`, true, ({ params }) =>
      commands.delete(params.guild, params.command) ? { status: 204 } : unknownCommand(),
    ),
  ];
}
