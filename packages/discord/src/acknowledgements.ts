import { readJobStatus, type JobStatus } from './content-patterns.js';
import type { ResultKind } from './parsed-message.js';

/**
 * Today's Midjourney (a live v7 capture of 2026-06, §4.8) answers some clicks with an
 * acknowledgement before the job's own messages: a reply to the clicked message, usually with a
 * Cancel Job button, whose bold prompt is not at the start of the content. It is the job's first
 * message, never its result.
 */
const MENTION = '<@!?\\d+>';
const PROMPT = `\\*\\*(?<prompt>[\\s\\S]*)\\*\\* - (?=${MENTION})`;
const FORMS: { kind: ResultKind; form: RegExp }[] = [
  { kind: 'upscale', form: new RegExp(`^Upscaling image #(?<index>\\d+) with ${PROMPT}`) },
  { kind: 'variation', form: new RegExp(`^Making variations for image #(?<index>\\d+) with prompt ${PROMPT}`) },
  { kind: 'video', form: new RegExp(`^Creating video with prompt ${PROMPT}`) },
  // A bare reply to the upscaled image, later edited into the video's progress message (same id).
  { kind: 'animate', form: /^Animating(?:\.\.\.|…)\s*$/ },
];

export interface Acknowledgement extends Omit<JobStatus, 'stage'> {
  /**
   * `acknowledged` while the job has not started; a later edit of the same message may already
   * report progress or (Stopped), read as usual.
   */
  stage: 'acknowledged' | 'progress' | 'stopped';
  prompt?: string;
}

export function parseAcknowledgement(content: string): Acknowledgement | undefined {
  for (const { kind, form } of FORMS) {
    const match = form.exec(content);
    if (!match) continue;
    const { index, prompt } = match.groups ?? {};
    const status = readJobStatus(content.slice(match[0].length));
    const ack: Acknowledgement = { kind, stage: status.stage === 'progress' || status.stage === 'stopped' ? status.stage : 'acknowledged' };
    if (index) ack.index = Number(index);
    if (prompt !== undefined) ack.prompt = prompt;
    if (status.progress !== undefined) ack.progress = status.progress;
    if (status.mode) ack.mode = status.mode;
    return ack;
  }
  return undefined;
}
