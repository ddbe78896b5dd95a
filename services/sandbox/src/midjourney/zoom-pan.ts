import type { DiscordMessage } from '../discord-types.js';
import { pan, zoomOut, type PanDirection } from '../images/derive.js';
import { composeGrid, fitShortSide } from '../images/resample.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { ActionContext } from './action.js';
import { runJob } from './job-run.js';
import { gridComponents } from './mj-messages.js';
import { promptOf, sourceImage } from './parent.js';

const TILE_SIDE = 256;

/** `--zoom` of a Custom Zoom prompt, when it is the 1–2 Midjourney accepts (§3.4). */
export function zoomParameter(prompt: string): number | undefined {
  const match = /(?:^|\s)--zoom\s+(\d+(?:\.\d+)?)(?=\s|$)/.exec(prompt);
  const zoom = match ? Number(match[1]) : Number.NaN;
  return zoom >= 1 && zoom <= 2 ? zoom : undefined;
}

/**
 * Zoom Out 2x / 1.5x / custom (§4.3): four grid cells, each the source shrunk by `zoom` inside
 * new surroundings, `- Zoom Out by`. A custom zoom shows the prompt as submitted.
 */
export function zoomOutJob(ctx: ActionContext, ix: AcceptedInteraction, parent: DiscordMessage, zoom: number, prompt = promptOf(parent)): Promise<void> {
  return runJob(ctx, ix, {
    prompt,
    working: 'Zoom Out by ',
    done: 'Zoom Out by ',
    parent,
    render: (jobId) => {
      const source = fitShortSide(sourceImage(ctx, parent, 1), TILE_SIDE);
      return composeGrid([1, 2, 3, 4].map((q) => zoomOut(source, zoom, `${prompt}\n${jobId}#${q}`)));
    },
    components: gridComponents,
  });
}

const LABELS: Record<PanDirection, string> = { left: 'Left', right: 'Right', up: 'Up', down: 'Down' };

/** ⬅️ ➡️ ⬆️ ⬇️ (§4.3): a grid whose cells extend the source by half in that direction, `- Pan Left by`. */
export function panJob(
  ctx: ActionContext,
  ix: AcceptedInteraction,
  parent: DiscordMessage,
  direction: PanDirection,
  prompt = promptOf(parent),
): Promise<void> {
  const label = `Pan ${LABELS[direction]} by `;
  return runJob(ctx, ix, {
    prompt,
    working: label,
    done: label,
    parent,
    render: (jobId) => {
      const source = fitShortSide(sourceImage(ctx, parent, 1), TILE_SIDE);
      return composeGrid([1, 2, 3, 4].map((q) => pan(source, direction, `${prompt}\n${jobId}#${q}`)));
    },
    components: gridComponents,
  });
}
