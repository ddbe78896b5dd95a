import { json } from '../http/http-io.js';
import type { Identity, World } from '../world.js';
import { errorReply, UnknownChannel, UnknownGuild } from './errors.js';
import type { RestRoute } from './router.js';

/** `/gateway`, `/gateway/bot` (§1.1) and the discovery reads of §2.4. */
export function discoveryRoutes(world: World, gatewayUrl: string): RestRoute[] {
  return [
    { method: 'GET', path: '/gateway', auth: 'none', handle: () => json(200, { url: gatewayUrl }) },
    {
      // @discordjs/ws reads shards and session_start_limit; a 401 here is discord.js's TokenInvalid (§1.1).
      method: 'GET',
      path: '/gateway/bot',
      auth: 'bot',
      handle: () =>
        json(200, {
          url: gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        }),
    },
    { method: 'GET', path: '/users/@me', auth: 'any', handle: ({ identity }) => json(200, currentUser(identity)) },
    { method: 'GET', path: '/users/@me/guilds', auth: 'any', handle: ({ identity }) => json(200, [world.partialGuild(identity)]) },
    { method: 'GET', path: '/users/@me/channels', auth: 'user', handle: () => json(200, []) },
    {
      method: 'GET',
      path: '/guilds/{guildId}',
      auth: 'any',
      handle: ({ params }) => (params.guildId === world.guildId ? json(200, world.guild()) : errorReply(UnknownGuild)),
    },
    {
      method: 'GET',
      path: '/guilds/{guildId}/channels',
      auth: 'any',
      handle: ({ params }) => (params.guildId === world.guildId ? json(200, [world.channel()]) : errorReply(UnknownGuild)),
    },
    {
      method: 'GET',
      path: '/channels/{channelId}',
      auth: 'any',
      handle: ({ params }) => (params.channelId === world.channelId ? json(200, world.channel()) : errorReply(UnknownChannel)),
    },
  ];
}

function currentUser(identity: Identity): Record<string, unknown> {
  const common = { ...identity.user, verified: true, mfa_enabled: false, flags: 0, locale: 'en-US' };
  return identity.kind === 'bot' ? common : { ...common, email: `${identity.user.username}@sandbox.invalid`, premium_type: 0 };
}
