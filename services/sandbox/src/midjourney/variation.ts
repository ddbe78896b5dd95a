import type { DiscordMessage } from '../discord-types.js';
import { vary } from '../images/derive.js';
import { composeGrid, fitShortSide } from '../images/resample.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { ActionContext } from './action.js';
import { runJob } from './job-run.js';
import { gridComponents } from './mj-messages.js';
import { promptOf, sourceImage } from './parent.js';

export type Strength = 'Subtle' | 'Strong';

export interface VariationRequest {
  /** Image #index of a grid parent; 1 for a single image. */
  index: number;
  strength: Strength;
  /** A remix prompt from the modal; absent for a plain variation. */
  prompt?: string;
}

const TILE_SIDE = 256;

/**
 * V1–V4 and Vary (Subtle|Strong) (§4.3): a new grid of four variants of the source image,
 * `- Variations (Strong) by`; with a remix prompt `- Remix (Strong) by` and the new prompt in bold.
 * Subtle variants stay closer to the source; the prompt is part of the seed, so a remix differs.
 * Today's first message is an acknowledgement naming the image (§4.8; for Vary and Remix assumed).
 */
export function variation(ctx: ActionContext, ix: AcceptedInteraction, parent: DiscordMessage, request: VariationRequest): Promise<void> {
  const prompt = request.prompt ?? promptOf(parent);
  const label = `${request.prompt === undefined ? 'Variations' : 'Remix'} (${request.strength}) by `;
  return runJob(ctx, ix, {
    prompt,
    working: label,
    done: label,
    acknowledgement: `Making variations for image #${request.index} with prompt `,
    parent,
    render: (jobId) => {
      const source = fitShortSide(sourceImage(ctx, parent, request.index), TILE_SIDE);
      const strength = request.strength === 'Subtle' ? 0.3 : 1;
      return composeGrid([1, 2, 3, 4].map((q) => vary(source, `${prompt}\n${jobId}#${q}`, strength)));
    },
    components: gridComponents,
  });
}
