/** Discord's epoch (2015-01-01): nonces are client-made snowflakes on it (§3.1). */
const DISCORD_EPOCH = 1420070400000n;
const INCREMENT_BITS = 22n;
const INCREMENT_MASK = (1n << INCREMENT_BITS) - 1n;

let lastNonce = 0n;

/**
 * A snowflake-shaped nonce as a numeric string (64-bit values lose precision as JSON numbers).
 * With an explicit `seq` the result is a pure function of its inputs; without one, successive calls
 * in this process are strictly increasing even within one millisecond or if the clock steps back,
 * because the nonce is what every peer correlates interactions by (§3.1, §4.6).
 */
export function makeNonce(nowMs: number = Date.now(), seq?: number): string {
  const time = (BigInt(Math.floor(nowMs)) - DISCORD_EPOCH) << INCREMENT_BITS;
  if (seq !== undefined) return (time | (BigInt(seq) & INCREMENT_MASK)).toString();
  lastNonce = time > lastNonce ? time : lastNonce + 1n;
  return lastNonce.toString();
}
