import type { Client } from 'discord.js';
import type { Redis } from 'ioredis';
import {
  AccountSessions,
  GatewayHandoffs,
  type AccountRegistry,
  type ChangeFeed,
  type Config,
  type Logger,
  type ProxyRoutes,
  type Task,
  type TaskEventPublisher,
  type TaskStore,
} from '@mjq/common';
import type { DiscordMessage } from '@mjq/discord';
import { AccountGateways } from './account-gateways.js';
import { AccountReplies } from './account-replies.js';
import { connectBotGateway } from './bot-gateway.js';
import type { MessagePipeline } from './message-pipeline.js';
import { SessionPublisher } from './session-publisher.js';

/** The listener's two views of Discord, as its start-up wires them (service.ts). */

/** The account view (one user session per account), publishing its live sessions; not connected yet. */
export function createAccountView(
  config: Config,
  options: { accountSyncMs?: number },
  log: Logger,
  deps: {
    registry: AccountRegistry;
    store: TaskStore;
    events: TaskEventPublisher;
    redis: Redis;
    pipeline: MessagePipeline;
    /** Answers to account commands (/info, /settings…): ephemeral, so only this view sees them. */
    replies: AccountReplies;
    submitModal: (task: Task, prompt: string) => Promise<void>;
    routes: ProxyRoutes;
    feed: ChangeFeed;
  },
): AccountGateways {
  const sessions = new SessionPublisher(new AccountSessions(deps.redis, config.redis.prefix), log);
  sessions.start();
  return new AccountGateways({
    registry: deps.registry,
    store: deps.store,
    events: deps.events,
    apiUrl: config.discord.apiUrl,
    midjourneyId: config.discord.applicationId,
    log,
    onEvent: (event) => {
      const command = AccountReplies.commandOf(event);
      if (command) void deps.replies.push(command, event.message as DiscordMessage);
      else void deps.pipeline.push(event);
    },
    syncMs: options.accountSyncMs ?? 10_000,
    onAccountsChanged: (listener) => deps.feed.onChange('accounts', listener),
    browser: config.discord.browser,
    routes: deps.routes,
    sessions,
    handoffs: new GatewayHandoffs(deps.redis, config.redis.prefix),
    submitModal: deps.submitModal,
    links: deps.pipeline.links,
  });
}

/** Both views feed the one pipeline; a message seen by both is applied once (forward-only store). */
export async function connectGateways(config: Config, log: Logger, accounts: AccountGateways, pipeline: MessagePipeline, routes: ProxyRoutes): Promise<Client | undefined> {
  await accounts.start();
  if (!config.discord.botToken) {
    log.warn('no BOT_TOKEN: following Midjourney through the account gateways only');
    return undefined;
  }
  return connectBotGateway({
    apiUrl: config.discord.apiUrl,
    botToken: config.discord.botToken,
    channelIds: () => accounts.channelIds(),
    midjourneyId: config.discord.applicationId,
    routes,
    log,
    onEvent: (event) => void pipeline.push(event),
  });
}
