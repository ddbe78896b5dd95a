import type { FaultInjector } from '../faults/fault-injector.js';
import { serverError } from '../faults/rest-fault-replies.js';
import type { SnowflakeGenerator } from '../ids.js';
import type { DiscordInteraction } from '../interaction.js';
import type { MessageFeed } from '../message-feed.js';
import type { MidjourneyBot } from '../midjourney/bot.js';
import type { SandboxState } from '../state.js';
import type { World } from '../world.js';
import { validateInteraction } from './interaction-validation.js';
import type { RestRoute } from './router.js';

export interface InteractionRouteDeps {
  world: World;
  state: SandboxState;
  feed: MessageFeed;
  ids: SnowflakeGenerator;
  bot: MidjourneyBot;
  faults: FaultInjector;
}

/**
 * `POST /interactions` (§2.4, §5.2): validated, answered 204 with no body, and only then handed to
 * the application — the user gateway hears INTERACTION_CREATE first, then whatever the app does.
 */
export function interactionRoutes(deps: InteractionRouteDeps): RestRoute[] {
  return [
    {
      method: 'POST',
      path: '/interactions',
      auth: 'user',
      handle: ({ body, identity }) => {
        const receivedAt = Date.now();
        const record = { receivedAt, userId: identity.user.id, type: field(body, 'type'), nonce: field(body, 'nonce'), target: target(body), body };
        const result = validateInteraction(body, identity.user, deps.world, deps.state);
        if (!result.ok) {
          deps.state.interactions.push({ ...record, id: null, status: result.reply.status, errorCode: result.code });
          return result.reply;
        }
        const interaction: DiscordInteraction = { ...result.interaction, id: deps.ids.next(receivedAt), receivedAt };
        const afterSend = () => {
          deps.feed.toInvoker(interaction.user.id, interaction.sessionId, 'INTERACTION_CREATE', { id: interaction.id, nonce: interaction.nonce });
          deps.bot.handle(interaction);
        };
        // Fault acceptedThenFailed: Discord acted on it, the client never hears so.
        const lost = deps.faults.lostAnswer();
        // Whether anyone can hear its INTERACTION_* events: Discord sends them to that session only.
        const named = deps.state.sessions.get(interaction.sessionId);
        const sessionLive = named?.identity.kind === 'user' && named.identity.user.id === interaction.user.id;
        deps.state.interactions.push({ ...record, id: interaction.id, status: 204, sessionLive, ...(lost === 'none' ? {} : { answerLost: lost }) });
        if (lost === 'cut') return { status: 204, cut: true, afterSend };
        if (lost === '5xx') return { ...serverError(502), afterSend };
        return { status: 204, afterSend };
      },
    },
  ];
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
}

/** Command name (type 2) or custom_id (types 3 and 5), for the state log. */
function target(body: unknown): string | undefined {
  const data = field(body, 'data');
  const value = field(data, 'name') ?? field(data, 'custom_id');
  return typeof value === 'string' ? value : undefined;
}
