import type { DiscordMessage } from '../discord-types.js';
import type { PanDirection } from '../images/derive.js';
import type { ComponentInteraction } from '../interaction.js';
import type { Answer } from './answers.js';
import { describeAgain } from './describe.js';
import { animateModal, customZoomModal, imagineModal, panModal, picReaderModal, remixModal } from './modal-specs.js';
import { promptOf } from './parent.js';
import { rate } from './rating.js';
import { reimagine } from './reimagine.js';
import { unsupported } from './unsupported.js';
import { upscaleImage, upscaleTwice, type UpscaleKind } from './upscale.js';
import { variation } from './variation.js';
import { animate, videoUpscale } from './video.js';
import { panJob, zoomOutJob } from './zoom-pan.js';

type Match = readonly (string | undefined)[];
type Form = [RegExp, (m: Match, ix: ComponentInteraction, remix: boolean) => Answer];

/** `MJ::Outpaint::{50|75}` is Zoom Out 2x / 1.5x (§3.3). */
const ZOOMS: Record<string, number> = { '50': 2, '75': 1.5 };

const JOB = '([0-9a-f-]{36})';

/**
 * What Midjourney does on each button of §3.3, by custom_id. Discord already checked the button is
 * on the message (COMPONENT_VALIDATION_FAILED otherwise), so a U button of an upscale, or U5, never
 * gets here. With Remix mode on, variations, pans and 🔄 ask for a prompt first (§3.4).
 */
const FORMS: Form[] = [
  [new RegExp(`^MJ::JOB::upsample::([1-4])::${JOB}$`), ([, n], ix) => run((ctx) => upscaleImage(ctx, ix, Number(n)))],
  [
    new RegExp(`^MJ::JOB::variation::([1-4])::${JOB}(?:::SOLO)?$`),
    ([, n, job], ix, remix) =>
      remix
        ? { modal: remixModal(job!, Number(n), true, promptOf(ix.message)) }
        : run((ctx) => variation(ctx, ix, ix.message, { index: Number(n), strength: 'Strong' })),
  ],
  [
    new RegExp(`^MJ::JOB::reroll::0::${JOB}::SOLO$`),
    (_, ix, remix) =>
      remix ? { modal: imagineModal(ix.message.id, promptOf(ix.message)) } : run((ctx) => reimagine(ctx, ix, promptOf(ix.message), ix.message)),
  ],
  [
    new RegExp(`^MJ::JOB::upsample_v\\w+?_2x_(subtle|creative)::1::${JOB}::SOLO$`),
    ([, kind], ix) => run((ctx) => upscaleTwice(ctx, ix, ix.message, kind as UpscaleKind)),
  ],
  [
    new RegExp(`^MJ::JOB::(low|high)_variation::1::${JOB}::SOLO$`),
    ([, level, job], ix, remix) =>
      remix
        ? { modal: remixModal(job!, 1, level === 'high', promptOf(ix.message)) }
        : run((ctx) => variation(ctx, ix, ix.message, { index: 1, strength: level === 'high' ? 'Strong' : 'Subtle' })),
  ],
  [new RegExp(`^MJ::Outpaint::(50|75)::1::${JOB}::SOLO$`), ([, keep], ix) => run((ctx) => zoomOutJob(ctx, ix, ix.message, ZOOMS[keep!]!))],
  [new RegExp(`^MJ::CustomZoom::${JOB}$`), ([, job], ix) => ({ modal: customZoomModal(job!, promptOf(ix.message)) })],
  // Vary (Region) opens Midjourney's editor; the job starts when the editor submits (§3.4).
  [new RegExp(`^MJ::Inpaint::\\d::${JOB}::SOLO$`), () => ({ editor: true })],
  [
    new RegExp(`^MJ::JOB::pan_(left|right|up|down)::1::${JOB}::SOLO$`),
    ([, direction, job], ix, remix) =>
      remix
        ? { modal: panModal(direction!, job!, 1, promptOf(ix.message)) }
        : run((ctx) => panJob(ctx, ix, ix.message, direction as PanDirection)),
  ],
  [new RegExp(`^MJ::JOB::animate_(high|low)::1::${JOB}::SOLO$`), ([, motion], ix) => run((ctx) => animate(ctx, ix, motion as 'high' | 'low'))],
  [new RegExp(`^MJ::JOB::video_virtual_upscale::([1-4])::${JOB}$`), ([, n], ix) => run((ctx) => videoUpscale(ctx, ix, Number(n)))],
  // Extend always asks for the prompt first (§3.4 AnimateModal).
  [
    new RegExp(`^MJ::JOB::animate_(high|low)_extend::([1-4])::${JOB}$`),
    ([, motion, n, job], ix) => ({ modal: animateModal(job!, Number(n), motion as 'high' | 'low', promptOf(ix.message).replace(/\s--(?:motion|video)\s+\S+/g, '')) }),
  ],
  [new RegExp(`^MJ::BOOKMARK::${JOB}$`), (_, ix) => run((ctx) => rate(ctx, ix))],
  [/^MJ::Job::PicReader::([1-4])$/, ([, n], ix) => pickAnswer(ix, Number(n), (prompt) => picReaderModal(Number(n), prompt))],
  [/^MJ::Job::PicReader::all$/, (_, ix) => run(async (ctx) => void (await Promise.all(numberedPrompts(ix.message).map((p) => reimagine(ctx, ix, p, ix.message)))))],
  [/^MJ::Picread::Retry$/, (_, ix) => run((ctx) => describeAgain(ctx, ix))],
  [/^MJ::Job::PromptAnalyzer::(?:.+::)?(\d)$/, ([, n], ix) => pickAnswer(ix, Number(n), (prompt) => imagineModal(ix.message.id, prompt))],
];

export function buttonAnswer(ix: ComponentInteraction, remix: boolean): Answer {
  for (const [form, answer] of FORMS) {
    const match = form.exec(ix.customId);
    if (match) return answer([...match], ix, remix);
  }
  return run((ctx) => unsupported(ctx, ix));
}

const run = (job: Answer['run']): Answer => ({ run: job });

/** A describe or shorten pick opens a modal prefilled with that prompt (§3.4). */
function pickAnswer(ix: ComponentInteraction, n: number, modal: (prompt: string) => NonNullable<Answer['modal']>): Answer {
  const prompt = numberedPrompts(ix.message)[n - 1];
  return prompt === undefined ? run((ctx) => unsupported(ctx, ix)) : { modal: modal(prompt) };
}

/** The `1️⃣ …` lines of a describe or shorten answer (§4.5, §4.7 DESCRIBE), in order. */
export function numberedPrompts(message: DiscordMessage): string[] {
  const text = message.embeds[0]?.description ?? '';
  return [...text.matchAll(/([1-9])\uFE0F?\u20E3\s*([^\n]+)/g)].sort((a, b) => Number(a[1]) - Number(b[1])).map((m) => m[2]!.trim());
}
