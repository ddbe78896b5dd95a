import type { PanDirection } from '../images/derive.js';
import type { ModalSubmitInteraction } from '../interaction.js';
import type { Answer } from './answers.js';
import { errorMessage } from './mj-messages.js';
import { rewriteImageLinks } from './prompt.js';
import { reimagine } from './reimagine.js';
import { unsupported } from './unsupported.js';
import { variation } from './variation.js';
import { extendVideo } from './video.js';
import { panJob, zoomOutJob, zoomParameter } from './zoom-pan.js';

type Match = readonly (string | undefined)[];
type Form = [RegExp, (m: Match, ix: ModalSubmitInteraction, prompt: string) => Answer];

/**
 * What a modal submit starts (§3.4), by the modal's custom_id. Discord already checked the modal
 * was open and its input filled; the job replies to the message whose button opened the modal.
 */
const FORMS: Form[] = [
  [
    /^MJ::RemixModal::[\w-]+::([1-4])::([01])$/,
    ([, index, strong], ix, prompt) => ({
      run: (ctx) => variation(ctx, ix, ix.modal.parent, { index: Number(index), strength: strong === '1' ? 'Strong' : 'Subtle', prompt }),
    }),
  ],
  [/^MJ::(?:ImagineModal::\d+|Picreader::Modal::\d)$/, (_, ix, prompt) => ({ run: (ctx) => reimagine(ctx, ix, prompt, ix.modal.parent) })],
  [
    /^MJ::PanModal::(left|right|up|down)::[\w-]+::\d$/,
    ([, direction], ix, prompt) => ({ run: (ctx) => panJob(ctx, ix, ix.modal.parent, direction as PanDirection, prompt) }),
  ],
  [
    /^MJ::AnimateModal::[\w-]+::\d::(low|high)::[01]$/,
    ([, motion], ix, prompt) => ({ run: (ctx) => extendVideo(ctx, ix, ix.modal.parent, motion as 'low' | 'high', prompt) }),
  ],
  [
    /^MJ::OutpaintCustomZoomModal::[\w-]+$/,
    (_, ix, prompt) => ({
      run: async (ctx) => {
        const zoom = zoomParameter(prompt);
        if (zoom === undefined) {
          ctx.feed.create(errorMessage(ctx, ix, 'Invalid parameter', 'Custom Zoom needs `--zoom` with a value between 1 and 2.'));
          return;
        }
        await zoomOutJob(ctx, ix, ix.modal.parent, zoom, prompt);
      },
    }),
  ],
];

export function modalAnswer(ix: ModalSubmitInteraction): Answer {
  // Midjourney rewrites leading image links of an edited prompt like any other (§4.2).
  const prompt = rewriteImageLinks((ix.values[ix.modal.input.customId] ?? '').trim());
  for (const [form, answer] of FORMS) {
    const match = form.exec(ix.customId);
    if (match) return answer([...match], ix, prompt);
  }
  return { run: (ctx) => unsupported(ctx, ix) };
}
