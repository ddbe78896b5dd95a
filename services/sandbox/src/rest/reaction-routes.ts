import type { SnowflakeGenerator } from '../ids.js';
import type { MessageFeed } from '../message-feed.js';
import type { MessageStore } from '../message-store.js';
import { resultJobId, seedMessage } from '../midjourney/seed-dm.js';
import type { World } from '../world.js';
import { errorReply, UnknownChannel, UnknownMessage } from './errors.js';
import type { RestRoute } from './router.js';

export interface ReactionRouteDeps {
  world: World;
  messages: MessageStore;
  feed: MessageFeed;
  ids: SnowflakeGenerator;
  /** Each user's DM channel with Midjourney (made on first use, as Discord opens one). */
  dmChannels: Map<string, string>;
}

const ENVELOPE = '✉';

/**
 * `PUT /channels/{c}/messages/{m}/reactions/{emoji}/@me` (§2.4): 204. ✉️ on a Midjourney result
 * makes Midjourney DM the user the job's seed, shortly after the reaction.
 */
export function reactionRoutes(deps: ReactionRouteDeps): RestRoute[] {
  return [
    {
      method: 'PUT',
      path: '/channels/{channelId}/messages/{messageId}/reactions/{emoji}/@me',
      auth: 'user',
      handle: ({ params, identity }) => {
        if (params.channelId !== deps.world.channelId) return errorReply(UnknownChannel);
        const message = deps.messages.visible(params.messageId ?? '', identity.user.id);
        if (!message) return errorReply(UnknownMessage);
        const emoji = safeDecode(params.emoji ?? '').replace(/\uFE0F/g, '');
        const jobId = emoji === ENVELOPE ? resultJobId(message) : undefined;
        if (!jobId) return { status: 204 };
        const userId = identity.user.id;
        const dm = deps.dmChannels.get(userId) ?? deps.ids.next();
        deps.dmChannels.set(userId, dm);
        return { status: 204, afterSend: () => deps.feed.direct(seedMessage(deps.ids, dm, identity.user, message, jobId), userId) };
      },
    },
  ];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
