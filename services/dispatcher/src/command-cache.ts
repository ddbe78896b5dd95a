import { parseCommandIndex, type SlashCommand } from '@mjq/discord';
import type { DiscordRest } from './discord-rest.js';

/**
 * Midjourney's command ids and versions change without notice (protocol §3.2): they are looked
 * up at runtime, cached, and refreshed when Discord answers "invalid command version".
 */
export class CommandCache {
  private commands: Promise<Map<string, SlashCommand>> | undefined;

  constructor(
    private readonly rest: DiscordRest,
    private readonly guildId: string,
    private readonly applicationId: string,
  ) {}

  async get(name: string): Promise<SlashCommand> {
    this.commands ??= this.load();
    const command = (await this.commands).get(name);
    if (!command) throw new Error(`Midjourney command /${name} is not available in guild ${this.guildId}`);
    return command;
  }

  invalidate(): void {
    this.commands = undefined;
  }

  private async load(): Promise<Map<string, SlashCommand>> {
    try {
      return parseCommandIndex(await this.rest.getCommandIndex(this.guildId), this.applicationId);
    } catch (err) {
      this.commands = undefined;
      throw err;
    }
  }
}
