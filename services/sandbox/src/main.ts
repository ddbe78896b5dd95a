import { sandboxOptionsFromEnv } from './env.js';
import { startSandbox } from './sandbox.js';

const parsed = sandboxOptionsFromEnv(process.env);
if ('errors' in parsed) {
  for (const error of parsed.errors) console.error(`sandbox: ${error}`);
  process.exit(1);
}

const sandbox = await startSandbox({ ...parsed.options, log: (msg) => console.log(msg) });
console.log(
  [
    `mjq sandbox (fake Discord + Midjourney) on ${sandbox.url}`,
    `  REST        ${sandbox.apiBase}/v10  (also /v9)`,
    `  gateway     ${sandbox.gatewayUrl}`,
    ...sandbox.users.map((u, i) => `  user token  ${u.token}   (${i === 0 ? 'USER_TOKEN, ' : ''}user id ${u.id}, ${u.concurrency} jobs at once)`),
    `  bot token   ${sandbox.botToken}   (BOT_TOKEN, bot id ${sandbox.botUserId})`,
    `  guild       ${sandbox.guildId}   (GUILD_ID)`,
    `  channel     ${sandbox.channelId}   (CHANNEL_ID)`,
    `  control     ${sandbox.url}/_sandbox/state`,
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox: ${signal}, stopping`);
    sandbox.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
