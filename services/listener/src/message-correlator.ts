import type { TaskStore } from '@mjq/common';
import type { ParsedMessage } from '@mjq/discord';
import { LinkCache } from './link-cache.js';
import { decideCorrelation, type ChildCandidate, type Correlation, type CorrelationFacts } from './correlation.js';

/**
 * The store side of correlation (the decision is correlation.ts): gathers the facts, and once a
 * message is matched records its ids, so that later messages of the same job (the result has no
 * nonce) find the task directly.
 */
export class MessageCorrelator {
  constructor(
    private readonly store: TaskStore,
    /** Tasks with a message being applied in this process: their messageId is not stored yet. */
    private readonly busy: (taskId: string) => boolean,
    /** The process's links (the account view links interactions into the same cache). */
    private readonly links: LinkCache = new LinkCache(),
  ) {}

  async correlate(parsed: ParsedMessage): Promise<Correlation | undefined> {
    const { store } = this;
    // A job's later messages carry an id this process linked already (the result: a new message
    // id, but the interaction's): the match is decided here, without asking Redis for the ids
    // not known yet — every id names one task, so the others would only confirm it.
    const traits = { kind: parsed.kind, stage: parsed.stage, index: parsed.index, jobId: parsed.messageHash };
    const known = decideCorrelation(traits, this.knownLinks(parsed));
    if (known) return known;
    // A nonce is echoed on a job's first message only, which no other id links yet: asked alone
    // first, it answers for our own jobs with one read instead of three.
    const byNonce = parsed.nonce ? await this.links.find('nonce', parsed.nonce, (id) => store.findByNonce(id)) : undefined;
    const [byMessage, byInteraction] = byNonce
      ? [undefined, undefined]
      : await Promise.all([
          this.links.find('message', parsed.messageId, (id) => store.findByMessage(id)),
          parsed.interactionId ? this.links.find('interaction', parsed.interactionId, (id) => store.findByInteraction(id)) : undefined,
        ]);
    // The marker counts only when no id matched (decideCorrelation): most messages never read it.
    const marker = !(byMessage ?? byNonce ?? byInteraction) && parsed.taskId ? await store.get(parsed.taskId) : undefined;
    const facts: CorrelationFacts = { byMessage, byNonce, byInteraction, marker: marker && { id: marker.id, status: marker.status } };
    const direct = decideCorrelation(traits, facts);
    // The replied-to message is looked into only when nothing else matched: most messages never need it.
    const reference = parsed.referencedMessageId;
    if (direct || !reference) return direct;
    const [children, repliedTo] = await Promise.all([this.children(reference), this.owner(reference)]);
    return decideCorrelation(traits, { ...facts, children, repliedTo });
  }

  /** The tasks the message's ids are linked to in this process (no Redis). */
  private knownLinks(parsed: ParsedMessage): CorrelationFacts {
    return {
      byMessage: this.links.get('message', parsed.messageId),
      byNonce: parsed.nonce ? this.links.get('nonce', parsed.nonce) : undefined,
      byInteraction: parsed.interactionId ? this.links.get('interaction', parsed.interactionId) : undefined,
    };
  }

  /** Links the message (and its interaction) to the task it was matched to. */
  async link(parsed: ParsedMessage, match: Correlation): Promise<void> {
    const links: Promise<void>[] = [];
    // Each link is written once per process (the cache knows what was found or written before).
    if (this.links.remember('message', parsed.messageId, match.taskId)) links.push(this.store.linkMessage(parsed.messageId, match.taskId));
    if (parsed.interactionId && this.links.remember('interaction', parsed.interactionId, match.taskId)) {
      links.push(this.store.linkInteraction(parsed.interactionId, match.taskId));
    }
    // Midjourney echoing the nonce is evidence that the interaction landed (an ambiguous send is
    // not resent); the first echo is enough.
    if (parsed.nonce && match.via === 'nonce' && this.links.remember('landed', parsed.nonce, match.taskId)) links.push(this.store.markLanded(parsed.nonce));
    await Promise.all(links);
  }

  private async children(messageId: string): Promise<ChildCandidate[]> {
    const ids = await this.store.children(messageId);
    const tasks = await Promise.all(ids.map((id) => this.store.get(id)));
    return tasks
      .filter((t) => t !== undefined)
      .map((t) => ({
        id: t.id,
        status: t.status,
        submitTime: t.submitTime,
        messageId: t.messageId,
        index: t.index,
        customId: t.customId,
        messageHash: t.messageHash,
        busy: this.busy(t.id),
      }));
  }

  /** The task a message belongs to, with its status. */
  private async owner(messageId: string): Promise<CorrelationFacts['repliedTo']> {
    const taskId = await this.store.findByMessage(messageId);
    const task = taskId ? await this.store.get(taskId) : undefined;
    return task && { id: task.id, status: task.status };
  }
}
