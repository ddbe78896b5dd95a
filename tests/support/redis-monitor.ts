import { connect } from 'node:net';

/**
 * Resolves when Redis runs a command whose MONITOR line matches (what a service really did, in
 * the order Redis ran it). Armed, i.e. MONITOR acknowledged, before it returns, so nothing the
 * test does afterwards is missed. A bare socket, not ioredis: its client chokes on monitor lines
 * arriving while it disconnects.
 */
export async function commandSeen(redisUrl: string, match: (line: string) => boolean): Promise<{ seen: Promise<void>; stop: () => void }> {
  const { hostname, port } = new URL(redisUrl);
  const socket = connect(Number(port || 6379), hostname || '127.0.0.1');
  const stop = () => void socket.destroy();
  let buffered = '';
  let armed!: () => void;
  let seen!: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    armed = resolve;
    socket.once('error', reject);
  });
  const happened = new Promise<void>((resolve) => (seen = resolve));
  socket.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\r\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '+OK') armed();
      else if (match(line)) {
        stop();
        seen();
      }
    }
  });
  socket.write('MONITOR\r\n');
  await ready;
  return { seen: happened, stop };
}

/** `ZSCORE <key> <member>`: a look whether `member` is in the sorted set. */
export const zscoreOf = (key: string, member: string) => (line: string) => line.toLowerCase().includes(`"zscore" "${key.toLowerCase()}" "${member}"`);
