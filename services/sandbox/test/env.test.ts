import { describe, expect, it } from 'vitest';
import { sandboxOptionsFromEnv } from '../src/env.js';

describe('sandbox environment', () => {
  it('defaults to port 8090 and leaves the rest to startSandbox', () => {
    expect(sandboxOptionsFromEnv({})).toEqual({ options: { port: 8090 } });
  });

  it('reads every SANDBOX_* variable', () => {
    const env = {
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '0.0.0.0',
      SANDBOX_PUBLIC_URL: 'http://sandbox:8090',
      SANDBOX_USER_TOKEN: 'u',
      SANDBOX_BOT_TOKEN: 'b',
      SANDBOX_SPEED: '250',
    };
    expect(sandboxOptionsFromEnv(env)).toEqual({
      options: { port: 0, host: '0.0.0.0', publicUrl: 'http://sandbox:8090', userToken: 'u', botToken: 'b', speed: { stepMs: 250 } },
    });
    expect(sandboxOptionsFromEnv({ SANDBOX_SPEED: 'instant' })).toEqual({ options: { port: 8090, speed: 'instant' } });
  });

  it('reads several user accounts from SANDBOX_USER_TOKENS', () => {
    expect(sandboxOptionsFromEnv({ SANDBOX_USER_TOKENS: 'a, b' })).toEqual({ options: { port: 8090, users: [{ token: 'a' }, { token: 'b' }] } });
    expect(sandboxOptionsFromEnv({ SANDBOX_USER_TOKENS: 'a,a' })).toHaveProperty('errors');
  });

  it('lists every problem at once', () => {
    const parsed = sandboxOptionsFromEnv({ SANDBOX_PORT: 'eighty', SANDBOX_SPEED: 'warp', SANDBOX_PUBLIC_URL: 'sandbox' });
    expect('errors' in parsed && parsed.errors).toHaveLength(3);
  });
});
