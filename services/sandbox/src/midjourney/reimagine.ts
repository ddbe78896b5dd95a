import type { DiscordMessage } from '../discord-types.js';
import { renderGrid } from '../images/grid-render.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { ActionContext } from './action.js';
import { runJob } from './job-run.js';
import { gridComponents } from './mj-messages.js';

/**
 * An /imagine started by a button or modal rather than the command: 🔄 reroll (same prompt), a
 * remixed reroll, a describe or shorten pick (§4.3: `- <@uid> (fast)`). It replies to `parent`.
 */
export function reimagine(ctx: ActionContext, ix: AcceptedInteraction, prompt: string, parent: DiscordMessage): Promise<void> {
  return runJob(ctx, ix, {
    prompt,
    working: '',
    done: '',
    parent,
    render: (jobId) => renderGrid(`${prompt}\n${jobId}`, ctx.gridSize),
    components: gridComponents,
  });
}
