import { isTerminal, type TaskStatus } from '@mjq/common';
import { parseCustomId, type ResultKind } from '@mjq/discord';

/** What the message says about itself that can tell sibling tasks apart. */
export interface MessageTraits {
  kind: ResultKind;
  /** "Image #n" of an upscale result. */
  index?: number;
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
}

export type CorrelationVia = 'message' | 'nonce' | 'interaction' | 'marker' | 'reference';

export interface Correlation {
  taskId: string;
  via: CorrelationVia;
}

/**
 * Which task a Midjourney message belongs to. Ids that name one interaction (message, nonce,
 * interaction id) come first: they hold however many jobs run at once. The marker comes next, but
 * only for a live task: children echo their parent's prompt, marker included, and a finished
 * parent must not swallow their messages. Last, a reply to a message is given to one of that
 * message's children still waiting for its first message.
 */
export function decideCorrelation(message: MessageTraits, facts: CorrelationFacts): Correlation | undefined {
  if (facts.byMessage) return { taskId: facts.byMessage, via: 'message' };
  if (facts.byNonce) return { taskId: facts.byNonce, via: 'nonce' };
  if (facts.byInteraction) return { taskId: facts.byInteraction, via: 'interaction' };
  if (facts.marker && !isTerminal(facts.marker.status)) return { taskId: facts.marker.id, via: 'marker' };
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
  return message.kind === 'unknown' || !kinds || kinds.includes(message.kind);
}

/** What Midjourney's answer to each button reads as (content-patterns.ts in @mjq/discord). */
const RESULT_KINDS: Partial<Record<string, readonly ResultKind[]>> = {
  upsample: ['upscale'],
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
