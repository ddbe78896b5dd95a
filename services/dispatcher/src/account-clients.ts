import { DIRECT, mergeBrowserIdentity, type Account, type AccountRegistry, type BrowserIdentity, type ProxyRoutes } from '@mjq/common';
import { CommandCache } from './command-cache.js';
import { DiscordRest } from './discord-rest.js';

export interface AccountClient {
  rest: DiscordRest;
  commands: CommandCache;
}

/**
 * One REST client and command cache per account token, speaking as the account's browser (the
 * global identity with the account's own over it) and leaving through the account's proxy (or
 * DISCORD_PROXY); rebuilt when token, guild, browser or proxy change.
 */
export class AccountClients {
  private readonly clients = new Map<string, { key: string; client: AccountClient }>();

  constructor(
    private readonly registry: AccountRegistry,
    private readonly apiUrl: string,
    private readonly applicationId: string,
    private readonly browser: BrowserIdentity,
    private readonly routes: ProxyRoutes = DIRECT,
  ) {}

  /** For the account as the caller just read it (its record is not read again); the token is read each time (rotated by a restart or an admin). */
  async get(account: Account): Promise<AccountClient> {
    const { id: accountId, guildId } = account;
    const token = await this.registry.token(accountId);
    if (!token) throw new Error(`account ${accountId} has no token`);
    const identity = mergeBrowserIdentity(this.browser, account.browser);
    const key = JSON.stringify([token, guildId, identity, account.proxy]);
    const cached = this.clients.get(accountId);
    if (cached?.key === key) return cached.client;
    const rest = new DiscordRest(this.apiUrl, token, identity, { routes: this.routes, accountProxy: account.proxy });
    const client = { rest, commands: new CommandCache(rest, guildId, this.applicationId) };
    this.clients.set(accountId, { key, client });
    return client;
  }
}
