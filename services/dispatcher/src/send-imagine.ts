import { buildImagineInteraction, isInvalidCommandVersionError, type InteractionContext } from '@mjq/discord';
import type { Logger } from '@mjq/common';
import type { AccountClient } from './account-clients.js';
import { DiscordRejected } from './discord-errors.js';
import type { BucketState } from './discord-rest.js';

/** Sends /imagine; on "command outdated" refreshes the command index and resends once (§5.2). */
export async function sendImagine(client: AccountClient, ctx: InteractionContext, prompt: string, log: Logger): Promise<BucketState> {
  try {
    return await client.rest.postInteraction(buildImagineInteraction(ctx, await client.commands.get('imagine'), prompt));
  } catch (err) {
    if (!(err instanceof DiscordRejected) || !isInvalidCommandVersionError(err.status, err.body)) throw err;
    client.commands.invalidate();
    log.warn('imagine command version outdated: refreshed the command index');
    return client.rest.postInteraction(buildImagineInteraction(ctx, await client.commands.get('imagine'), prompt));
  }
}
