import { isTerminal, type TaskStatus } from '@mjq/common';
import { parseCustomId, type MessageStage, type ResultKind } from '@mjq/discord';

/** What the message says about itself that can tell sibling tasks apart. */
export interface MessageTraits {
  kind: ResultKind;
  /** Absent in older callers: read as a result. */
  stage?: MessageStage;
  /** "Image #n" of an upscale result or acknowledgement. */
  index?: number;
  /** The Midjourney job id the message names (its Cancel Job button, preview or image). */
  jobId?: string;
}

/** A task created to click a button of the referenced message. */
export interface ChildCandidate {
  id: string;
  status: TaskStatus;
  submitTime: number;
  /** Set once one of its messages was applied: it has its own message, so it is spoken for. */
  messageId?: string;
  index?: number;
  customId?: string;
  /** A message of it is being applied in this process right now (its messageId is not stored yet). */
  busy?: boolean;
  /** Its Midjourney job id, recorded (as messageHash) from its first message that named one. */
  messageHash?: string;
}

/** What the store knows about the message's identifiers, gathered before deciding. */
export interface CorrelationFacts {
  byMessage?: string;
  byNonce?: string;
  byInteraction?: string;
  /** The task the `<#id#>` marker names, when it exists. */
  marker?: { id: string; status: TaskStatus };
  /** Children of the message this one replies to; absent when not looked up. */
  children?: ChildCandidate[];
  /** The task the replied-to message belongs to, when it is still running: the reply is its own. */
  repliedTo?: { id: string; status: TaskStatus };
}

export type CorrelationVia = 'message' | 'nonce' | 'interaction' | 'job' | 'marker' | 'reference';

export interface Correlation {
  taskId: string;
  via: CorrelationVia;
}

/**
 * Which task a Midjourney message belongs to. Ids that name one interaction (message, nonce,
 * interaction id) come first: they hold however many jobs run at once. Then the Midjourney job id:
 * a reply naming the job a child of the replied-to message already recorded is that child's, even
 * when its content is word for word a sibling's (§4.8: pan/zoom waiting messages, acknowledgement
 * then result). The marker comes next, but only for a live task: children echo their parent's
 * prompt, marker included, and a finished parent must not swallow their messages. A reply to a
 * message of a running task is that task's own (a result replying to its progress message). Last,
 * a reply is given to one of the replied-to message's children still waiting for its first message.
 */
export function decideCorrelation(message: MessageTraits, facts: CorrelationFacts): Correlation | undefined {
  if (facts.byMessage) return { taskId: facts.byMessage, via: 'message' };
  if (facts.byNonce) return { taskId: facts.byNonce, via: 'nonce' };
  if (facts.byInteraction) return { taskId: facts.byInteraction, via: 'interaction' };
  const sameJob = message.jobId ? facts.children?.find((c) => c.messageHash === message.jobId) : undefined;
  if (sameJob) return { taskId: sameJob.id, via: 'job' };
  if (facts.marker && !isTerminal(facts.marker.status)) return { taskId: facts.marker.id, via: 'marker' };
  if (facts.repliedTo && !isTerminal(facts.repliedTo.status)) return { taskId: facts.repliedTo.id, via: 'reference' };
  const child = pickChild(message, facts.children ?? []);
  return child ? { taskId: child.id, via: 'reference' } : undefined;
}

/** The oldest child that has no message yet and does not contradict the message's kind or index. */
export function pickChild(message: MessageTraits, children: readonly ChildCandidate[]): ChildCandidate | undefined {
  return children
    .filter((c) => !isTerminal(c.status) && !c.messageId && !c.busy && fits(message, c))
    .sort((a, b) => a.submitTime - b.submitTime || compareIds(a.id, b.id))[0];
}

/** Unknown on either side is no contradiction: the fallback only rules out clear mismatches. */
function fits(message: MessageTraits, child: ChildCandidate): boolean {
  const parsed = child.customId ? parseCustomId(child.customId) : undefined;
  const childIndex = child.index ?? (parsed?.kind === 'job' && !parsed.solo ? parsed.index : undefined);
  if (message.index !== undefined && childIndex !== undefined && message.index !== childIndex) return false;
  const kinds = parsed ? RESULT_KINDS[parsed.action] : undefined;
  if (!kinds || message.kind === 'unknown') return true;
  const possible = message.kind === 'imagine' && message.stage === 'waiting' ? WAITS_LIKE_IMAGINE : [message.kind];
  return kinds.some((k) => possible.includes(k));
}

/**
 * Today's zoom, pan and other button jobs start with a waiting message worded exactly like an
 * imagine's (§4.8): it may be any of theirs — but not a job Midjourney acknowledges in words of its
 * own (U1–U4 "Upscaling image #n with", variations "Making variations for", "Animating...").
 */
const WAITS_LIKE_IMAGINE: readonly ResultKind[] = ['imagine', 'zoom', 'pan', 'upscale_v2'];

/** What Midjourney's answer to each button reads as (content-patterns.ts in @mjq/discord). */
const RESULT_KINDS: Partial<Record<string, readonly ResultKind[]>> = {
  upsample: ['upscale'],
  animate_high: ['animate', 'video'],
  animate_low: ['animate', 'video'],
  animate_extend: ['animate', 'video'],
  bookmark: ['bookmark'],
  variation: ['variation', 'remix'],
  vary_subtle: ['variation', 'remix'],
  vary_strong: ['variation', 'remix'],
  reroll: ['imagine'],
  upsample_subtle: ['upscale_v2'],
  upsample_creative: ['upscale_v2'],
  upsample_2x: ['upscale_v2'],
  upsample_4x: ['upscale_v2'],
  upsample_max: ['upscale_v2'],
  pan_left: ['pan'],
  pan_right: ['pan'],
  pan_up: ['pan'],
  pan_down: ['pan'],
  zoom_out: ['zoom'],
  custom_zoom: ['zoom'],
  describe_pick: ['imagine'],
  shorten_pick: ['imagine'],
  describe_retry: ['describe'],
};

/** Task ids are decimal strings of growing length: compare as numbers without losing precision. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
