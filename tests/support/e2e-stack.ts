import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxOptions } from '@mjq/sandbox';
import { startStack, type Stack } from '@mjq/stack';
import { CallbackReceiver } from './callback-receiver.js';
import { dropPrefixAt, testPrefix, testRedisUrl } from './redis.js';

/** The whole stack on its own sandbox, its callbacks going to a local receiver. */
export interface E2eStack {
  /** Redis key prefix of this stack (its keys and queues live under `{prefix}`). */
  prefix: string;
  stack: Stack;
  receiver: CallbackReceiver;
  stop(): Promise<void>;
}

export async function startE2eStack(
  name: string,
  options: { env?: Record<string, string>; speed?: SandboxOptions['speed'] } = {},
): Promise<E2eStack> {
  const prefix = testPrefix(name);
  const receiver = await new CallbackReceiver().start();
  const stack = await startStack({
    env: {
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      HOST: '127.0.0.1',
      PORT: '0',
      CALLBACK_URL: receiver.url,
      // The receiver is on loopback, which the SSRF guard refuses unless allow-listed.
      CALLBACK_ALLOW_HOSTS: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      // Human pacing is for Discord; the tests that check it set their own.
      SEND_GAP_MS: '0',
      // The default file store, in a folder of this stack's own (not the repository's .data).
      IMAGE_STORE_DIR: testImageDir(prefix),
      ...options.env,
    },
    sandbox: { port: 0, speed: options.speed ?? 'instant' },
  });
  return {
    prefix,
    stack,
    receiver,
    async stop() {
      await stack.stop();
      await receiver.stop();
      await rm(testImageDir(prefix), { recursive: true, force: true });
      await dropPrefixAt(testRedisUrl(), prefix);
    },
  };
}

/** A test deployment's image folder, under the OS's temp dir. */
export function testImageDir(prefix: string): string {
  return join(tmpdir(), `mjq-images-${prefix}`);
}
