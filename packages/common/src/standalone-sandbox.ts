/**
 * The sandbox's well-known world (services/sandbox: config.ts DEFAULTS, world.ts): tokens and ids
 * of a sandbox started without options. A test holds these equal to the sandbox's own.
 */
export const SANDBOX_WORLD = {
  userToken: 'sandbox-user-token',
  botToken: 'MTIwMDAw.sandbox.bot',
  guildId: '1100000000000000001',
  channelId: '1100000000000000002',
  applicationId: '936929561302675456',
} as const;

const isSet = (v: string | undefined) => v !== undefined && v.trim() !== '';

/**
 * SANDBOX_URL names a sandbox running as its own service (compose's `sandbox`). When no Discord
 * credentials are configured (no USER_TOKEN, BOT_TOKEN or MJ_ACCOUNTS), mjq runs on it: Discord's
 * URL, the activity host, tokens, guild and channel all become the sandbox's. With credentials,
 * SANDBOX_URL is ignored — a real token never goes to the sandbox.
 */
export function withStandaloneSandbox(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const url = env.SANDBOX_URL?.trim();
  if (!url || isSet(env.USER_TOKEN) || isSet(env.BOT_TOKEN) || isSet(env.MJ_ACCOUNTS)) return env;
  return {
    ...env,
    DISCORD_API_URL: url,
    MJ_ACTIVITY_URL: url,
    USER_TOKEN: SANDBOX_WORLD.userToken,
    BOT_TOKEN: SANDBOX_WORLD.botToken,
    GUILD_ID: SANDBOX_WORLD.guildId,
    CHANNEL_ID: SANDBOX_WORLD.channelId,
    MJ_APPLICATION_ID: SANDBOX_WORLD.applicationId,
  };
}
