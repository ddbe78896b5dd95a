import { json } from '../http/http-io.js';
import { commandIndex } from '../midjourney/commands.js';
import type { World } from '../world.js';
import { errorReply, UnknownChannel, UnknownGuild } from './errors.js';
import type { RestRoute } from './router.js';

/** The command index drivers read to learn command ids and versions (§2.4). */
export function commandRoutes(world: World): RestRoute[] {
  return [
    {
      method: 'GET',
      path: '/guilds/{guildId}/application-command-index',
      auth: 'any',
      handle: ({ params }) => (params.guildId === world.guildId ? json(200, commandIndex(world.commandVersions)) : errorReply(UnknownGuild)),
    },
    {
      method: 'GET',
      path: '/channels/{channelId}/application-command-index',
      auth: 'any',
      handle: ({ params }) => (params.channelId === world.channelId ? json(200, commandIndex(world.commandVersions)) : errorReply(UnknownChannel)),
    },
  ];
}
