import { mergeBrowserIdentity, type AccountRegistry, type BrowserIdentity } from '@mjq/common';
import { CommandCache } from './command-cache.js';
import { DiscordRest } from './discord-rest.js';

export interface AccountClient {
  rest: DiscordRest;
  commands: CommandCache;
}

/**
 * One REST client and command cache per account token, speaking as the account's browser (the
 * global identity with the account's own over it); rebuilt when token, guild or browser change.
 */
export class AccountClients {
  private readonly clients = new Map<string, { key: string; client: AccountClient }>();

  constructor(
    private readonly registry: AccountRegistry,
    private readonly apiUrl: string,
    private readonly applicationId: string,
    private readonly browser: BrowserIdentity,
  ) {}

  async get(accountId: string, guildId: string): Promise<AccountClient> {
    const [token, account] = await Promise.all([this.registry.token(accountId), this.registry.get(accountId)]);
    if (!token) throw new Error(`account ${accountId} has no token`);
    const identity = mergeBrowserIdentity(this.browser, account?.browser);
    const key = JSON.stringify([token, guildId, identity]);
    const cached = this.clients.get(accountId);
    if (cached?.key === key) return cached.client;
    const rest = new DiscordRest(this.apiUrl, token, identity);
    const client = { rest, commands: new CommandCache(rest, guildId, this.applicationId) };
    this.clients.set(accountId, { key, client });
    return client;
  }
}
