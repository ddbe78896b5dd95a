import type { MidjourneyErrorCode } from './embed-classifier.js';
import type { ResultKind } from './parsed-message.js';

/** Greedy on purpose: the prompt may itself contain `**` (§4.7). */
const BOLD = /^\*\*([\s\S]*)\*\* - /;

const MENTION = '<@!?\\d+>';
/**
 * What follows the bold prompt, most specific first and the plain imagine form (`- <@uid> (fast)`)
 * last, because a loosely written imagine pattern also matches the others (§4.7).
 */
const FORMS: { kind: ResultKind; form: RegExp }[] = [
  { kind: 'upscale', form: new RegExp(`^Image #(\\d+) ${MENTION}`) },
  // One clip of a finished video (video_virtual_upscale::n); wording as the sandbox writes it, unverified (§4.8).
  { kind: 'video', form: new RegExp(`^Video #(\\d+) ${MENTION}`) },
  { kind: 'variation', form: new RegExp(`^Variations(?: \\((Strong|Subtle|Region)\\))? by ${MENTION}`) },
  { kind: 'remix', form: new RegExp(`^Remix(?: \\((Strong|Subtle|Region)\\))? by ${MENTION}`) },
  { kind: 'upscale_v2', form: new RegExp(`^Upscal(?:ed|ing)(?: \\((Subtle|Creative|2x|4x)\\))? by ${MENTION}`) },
  { kind: 'pan', form: new RegExp(`^Pan (Left|Right|Up|Down) by ${MENTION}`) },
  { kind: 'zoom', form: new RegExp(`^Zoom Out by ${MENTION}`) },
  { kind: 'imagine', form: new RegExp(`^${MENTION}`) },
];

/** Newer messages end with a `-# …` subtext line (§4.2); statuses are read before it. */
const SUBTEXT = /\n-#[\s\S]*$/;
const STOPPED = /\(Stopped\)\s*$/;
const WAITING = /\(Waiting to start\)\s*$/;
const PROGRESS = /\((\d{1,3})%\)/;
const MODE = /\((fast|relaxed|turbo)(?:,\s*stealth)?\)\s*$/;

export interface SplitContent {
  /** Undefined when the content has no `**prompt** - ` head. */
  prompt?: string;
  /** Everything after the head: only Midjourney writes here, so status tests cannot hit the prompt. */
  tail: string;
}

export function splitBoldPrompt(content: string): SplitContent {
  const bold = BOLD.exec(content);
  if (!bold) return { tail: content };
  return { prompt: bold[1] ?? '', tail: content.slice(bold[0].length) };
}

export interface JobStatus {
  kind: ResultKind;
  /** `final` = no waiting/progress/stopped marker: done once the image is attached. */
  stage: 'waiting' | 'progress' | 'stopped' | 'final';
  progress?: number;
  mode?: 'fast' | 'relaxed' | 'turbo';
  index?: number;
  variant?: string;
}

/** Reads the tail of a job message (§4.2, §4.3); undefined when it is none of the known forms. */
export function parseJobTail(tail: string): JobStatus | undefined {
  for (const { kind, form } of FORMS) {
    const match = form.exec(tail);
    if (!match) continue;
    const status: JobStatus = { kind, ...readJobStatus(tail.slice(match[0].length)) };
    if (kind === 'upscale' || kind === 'video') status.index = Number(match[1]);
    else if (match[1]) status.variant = match[1];
    return status;
  }
  return undefined;
}

/**
 * The status Midjourney writes after the mention: `(Waiting to start)`, `(31%)`, `(Stopped)` or
 * nothing but the mode, optionally behind the "(Open on website…)" link and before a `-#` line.
 */
export function readJobStatus(rest: string): Omit<JobStatus, 'kind'> {
  const text = rest.replace(SUBTEXT, '');
  const status: Omit<JobStatus, 'kind'> = { stage: 'final' };
  const mode = MODE.exec(text)?.[1];
  if (mode) status.mode = mode as JobStatus['mode'];
  const progress = PROGRESS.exec(text)?.[1];
  if (STOPPED.test(text)) status.stage = 'stopped';
  else if (WAITING.test(text)) status.stage = 'waiting';
  else if (progress !== undefined) {
    status.stage = 'progress';
    status.progress = Math.min(100, Number(progress));
  }
  return status;
}

/** Plain-text refusals (§5.1): moderation notices, and novicezk's rule that `Failed…` content fails. */
const TEXT_ERRORS: { test: RegExp; code: MidjourneyErrorCode }[] = [
  { test: /Our AI moderator thinks this prompt is probably against our community standards/i, code: 'banned_prompt' },
  { test: /You have triggered an abuse alert/i, code: 'banned_prompt' },
  { test: /^Failed/, code: 'failed' },
];

export function textErrorCode(tail: string): MidjourneyErrorCode | undefined {
  return TEXT_ERRORS.find(({ test }) => test.test(tail.trimStart()))?.code;
}

/** "1️⃣ …" lines of describe/shorten embeds (§4.5); the variation selector is sometimes absent. */
const NUMBERED = /([1-9])\uFE0F?\u20E3\s*([^\n]+)/g;

export function parseNumberedPrompts(text: string): string[] {
  return [...text.matchAll(NUMBERED)]
    .map((m) => ({ n: Number(m[1]), text: (m[2] ?? '').trim() }))
    .filter((p) => p.text !== '')
    .sort((a, b) => a.n - b.n)
    .map((p) => p.text);
}

/** Midjourney rewrites image prompts to `<https://s.mj.run/…>`; a blend prompt has nothing else (§4.3). */
const LINKS_AND_PARAMS_ONLY = /^(?:\s*<https?:\/\/[^>\s]+>)*(?:\s*--[\s\S]*)?\s*$/;

export function isBlendPrompt(prompt: string): boolean {
  return LINKS_AND_PARAMS_ONLY.test(prompt);
}

const JOB_LINK = /https?:\/\/(?:www\.)?midjourney\.com\/jobs\/[\w-]+/;

/** The "(Open on website for full quality)" link of newer contents (§4.2). */
export function jobLinkIn(text: string): string | undefined {
  return JOB_LINK.exec(text)?.[0];
}

/** The whole answer to a rating (❤️/😍, `MJ::BOOKMARK::…`, §4.8): a reply, no job. */
const RATED = /^You have successfully rated \[this job\]\(<?https?:\/\/[^)\s]+>?\) with \S/;

export function isRatingAnswer(content: string): boolean {
  return RATED.test(content);
}
