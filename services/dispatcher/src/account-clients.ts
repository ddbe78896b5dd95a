import type { AccountRegistry } from '@mjq/common';
import { CommandCache } from './command-cache.js';
import { DiscordRest } from './discord-rest.js';

export interface AccountClient {
  rest: DiscordRest;
  commands: CommandCache;
}

/** One REST client and command cache per account token (rebuilt when the token changes). */
export class AccountClients {
  private readonly clients = new Map<string, { token: string; guildId: string; client: AccountClient }>();

  constructor(
    private readonly registry: AccountRegistry,
    private readonly apiUrl: string,
    private readonly applicationId: string,
  ) {}

  async get(accountId: string, guildId: string): Promise<AccountClient> {
    const token = await this.registry.token(accountId);
    if (!token) throw new Error(`account ${accountId} has no token`);
    const cached = this.clients.get(accountId);
    if (cached && cached.token === token && cached.guildId === guildId) return cached.client;
    const rest = new DiscordRest(this.apiUrl, token);
    const client = { rest, commands: new CommandCache(rest, guildId, this.applicationId) };
    this.clients.set(accountId, { token, guildId, client });
    return client;
  }
}
