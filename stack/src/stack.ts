import { createLogger, freePort, loadConfig, usesSandbox, type Config, type Logger } from '@mjq/common';
import { start as startApi, type ApiService } from '@mjq/api';
import { start as startDispatcher, type DispatcherService } from '@mjq/dispatcher';
import { start as startListener, type ListenerOptions, type ListenerService } from '@mjq/listener';
import { startSandbox, type Sandbox, type SandboxOptions } from '@mjq/sandbox';
import { isListening, startLocalRedis, type LocalRedis } from './local-redis.js';

export interface StackOptions {
  /** Environment to read the configuration from (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Sandbox settings when the stack runs on it (no Discord tokens configured). */
  sandbox?: Pick<SandboxOptions, 'speed' | 'port'>;
  listener?: ListenerOptions;
  /** Where a Redis started by the stack keeps its data. */
  dataDir?: string;
}

export interface Stack {
  config: Config;
  api: ApiService;
  sandbox?: Sandbox;
  listener: ListenerService;
  stop(): Promise<void>;
}

function parseSpeed(speed: string): SandboxOptions['speed'] {
  return speed === 'instant' || speed === 'realistic' ? speed : { stepMs: Number(speed) };
}

/**
 * api + dispatcher + listener in one process, plus the sandbox when no Discord tokens are
 * configured. Started listener first so that no Midjourney message is missed; stopped in
 * the reverse order.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  let config = loadConfig(env);
  const log = createLogger('stack', config.logLevel);
  const stoppers: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop();
  };
  try {
    const redis = await startRedisIfNone(env, options, log);
    if (redis) stoppers.push(() => redis.stop());
    let sandbox: Sandbox | undefined;
    if (usesSandbox(config)) {
      sandbox = await startSandbox({ port: options.sandbox?.port ?? config.sandbox.port, speed: options.sandbox?.speed ?? parseSpeed(config.sandbox.speed) });
      stoppers.push(() => sandbox?.stop());
      config = sandboxConfig(env, sandbox);
      log.info({ url: sandbox.url }, 'no Discord tokens configured: running on the sandbox');
    }
    // Image URLs in tasks name the API's address, which the listener needs before the API is up.
    if (config.http.port === 0 && !config.http.publicUrl) config = { ...config, http: { ...config.http, port: await freePort(config.http.host) } };
    const listener = await startListener(config, options.listener);
    stoppers.push(() => listener.stop());
    const dispatcher: DispatcherService = await startDispatcher(config);
    stoppers.push(() => dispatcher.stop());
    const api = await startApi(config);
    stoppers.push(() => api.stop());
    return { config, api, sandbox, listener, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** A redis-server of our own, unless REDIS_URL (or sentinels, or cluster nodes) names one or one answers on the default port. */
async function startRedisIfNone(env: Record<string, string | undefined>, options: StackOptions, log: Logger): Promise<LocalRedis | undefined> {
  if (env.REDIS_URL || env.REDIS_SENTINELS || env.REDIS_CLUSTER_NODES || (await isListening('127.0.0.1', 6379))) return undefined;
  const redis = await startLocalRedis(6379, options.dataDir ?? '.data/redis');
  log.info({ url: redis.url }, 'started a local redis-server');
  return redis;
}

/** The configuration again, with the sandbox as Discord: its URL, tokens, guild, channel and bot. */
function sandboxConfig(env: Record<string, string | undefined>, sandbox: Sandbox): Config {
  return loadConfig({
    ...env,
    DISCORD_API_URL: sandbox.url,
    USER_TOKEN: sandbox.userToken,
    BOT_TOKEN: sandbox.botToken,
    GUILD_ID: sandbox.guildId,
    CHANNEL_ID: sandbox.channelId,
    MJ_APPLICATION_ID: sandbox.applicationId,
    MJ_ACTIVITY_URL: sandbox.url,
  });
}
