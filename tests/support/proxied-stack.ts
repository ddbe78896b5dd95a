import { startSandbox, type Sandbox, type SandboxOptions } from '@mjq/sandbox';
import { MjqClient } from './mjq-client.js';
import { MjqServices, sandboxEnv } from './mjq-services.js';
import { RecordingProxy } from './recording-proxy.js';

/** mjq (in-process) talking to a sandbox through a recording proxy: what Discord would see of it. */
export interface ProxiedStack {
  sandbox: Sandbox;
  proxy: RecordingProxy;
  mjq: MjqServices;
  client: MjqClient;
  stop(): Promise<void>;
}

export async function startProxiedStack(options: {
  users: NonNullable<SandboxOptions['users']>;
  /** The accounts as sandboxEnv takes them (none when MJ_ACCOUNTS is in `env`). */
  accounts?: Parameters<typeof sandboxEnv>[1];
  /** mjq's environment beyond the sandbox's; a function when it needs the sandbox's ids. */
  env: Record<string, string> | ((sandbox: Sandbox) => Record<string, string>);
}): Promise<ProxiedStack> {
  const sandbox = await startSandbox({ port: 0, speed: 'instant', users: options.users });
  const proxy = await RecordingProxy.start(sandbox.url);
  // Both Discord bases — REST and the activity host — go through the proxy.
  const env = sandboxEnv(sandbox, options.accounts ?? [], { DISCORD_API_URL: proxy.url, MJ_ACTIVITY_URL: proxy.url, ...(typeof options.env === 'function' ? options.env(sandbox) : options.env) });
  const mjq = await new MjqServices(env).start('in-process');
  return {
    sandbox,
    proxy,
    mjq,
    client: new MjqClient(mjq.api.url),
    async stop() {
      await mjq.stop();
      await proxy.stop();
      await sandbox.stop();
    },
  };
}
