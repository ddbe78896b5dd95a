import type { Sandbox } from '@mjq/sandbox';

/**
 * The nonce of the interaction a sandbox message answers (through its interaction_metadata).
 * A task whose result message answers its own nonce got its own result, not a neighbour's.
 */
export function nonceAnsweredBy(sandbox: Sandbox, messageId: string | undefined): unknown {
  if (!messageId) return undefined;
  const message = sandbox.state.messages.get(messageId)?.message as { interaction_metadata?: { id: string } } | undefined;
  const interactionId = message?.interaction_metadata?.id;
  return sandbox.state.interactions.find((i) => i.id === interactionId)?.nonce;
}
