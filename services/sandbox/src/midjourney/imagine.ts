import { renderGrid } from '../images/grid-render.js';
import type { CommandInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { runJob } from './job-run.js';
import { errorMessage, gridComponents } from './mj-messages.js';
import { rewriteImageLinks } from './prompt.js';
import { imagineVideo } from './video.js';

/**
 * /imagine, as §4.2 describes it: "Waiting to start" (with the nonce), progress updates with
 * low-res previews, the result with a 2×2 grid and U/V buttons as a new message, then the
 * progress message deleted. The job waits for one of the account's slots after "Waiting to start".
 */
export const imagine: MidjourneyAction<CommandInteraction> = async (ctx, ix) => {
  const raw = typeof ix.options.prompt === 'string' ? ix.options.prompt.trim() : '';
  if (!raw) {
    ctx.feed.create(errorMessage(ctx, ix, 'Empty prompt', 'You need to add a prompt to imagine something.'));
    return;
  }
  const prompt = rewriteImageLinks(raw);
  // `--video 1` makes an /imagine a video job (§4.8).
  if (/(?:^|\s)--video(?:\s|$)/.test(prompt)) return imagineVideo(ctx, ix, prompt);
  await runJob(ctx, ix, {
    prompt,
    working: '',
    done: '',
    render: (jobId) => renderGrid(`${prompt}\n${jobId}`, ctx.gridSize),
    components: gridComponents,
  });
};
