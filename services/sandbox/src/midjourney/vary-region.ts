import { repaint } from '../images/derive.js';
import { maskBox } from '../images/mask.js';
import { composeGrid, fitShortSide } from '../images/resample.js';
import type { RegionSubmit } from '../interaction.js';
import type { ActionContext } from './action.js';
import { runJob } from './job-run.js';
import { gridComponents } from './mj-messages.js';
import { sourceImage } from './parent.js';

const TILE_SIDE = 256;
/** §4.3: Vary (Region) results read `- Variations (Region) by <@uid> (fast)`, like Vary (Subtle|Strong). */
const LABEL = 'Variations (Region) by ';

/**
 * The job a Vary (Region) editor submit starts (§3.4): a grid of four repaintings of the clicked
 * image, changed only inside the box the mask marks, with the prompt as the editor sent it.
 * Its messages reply to the clicked message and carry no nonce — no Discord interaction did.
 */
export function varyRegion(ctx: ActionContext, edit: RegionSubmit): Promise<void> {
  return runJob(ctx, edit, {
    prompt: edit.prompt,
    working: LABEL,
    done: LABEL,
    parent: edit.message,
    render: (jobId) => {
      const source = fitShortSide(sourceImage(ctx, edit.message, 1), TILE_SIDE);
      const box = maskBox(edit.mask, source.width, source.height);
      return composeGrid([1, 2, 3, 4].map((q) => repaint(source, box, `${edit.prompt}\n${jobId}#${q}`)));
    },
    components: gridComponents,
  });
}
