// One side of the cross-process race in account-registry.test.ts: a process of its own (its own
// connection) changing one field of a shared account over and over, and checking after every
// change that its own last write is still there. Runs the build output (`pnpm test` builds first).
// argv: <redisUrl> <prefix> <accountId> <side: state|mode> <rounds>; starts on "go" on stdin.
import { createInterface } from 'node:readline';
import { AccountRegistry } from '../../dist/account-registry.js';
import { createRedis } from '../../dist/redis.js';

const [redisUrl, prefix, accountId, side, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const redis = createRedis(redisUrl, 'worker');
const registry = new AccountRegistry(redis, prefix);
await redis.ping();

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise((resolve) => lines.once('line', resolve));

const lost = [];
let last;
for (let round = 0; round < rounds; round++) {
  if (side === 'state') {
    const disable = round % 2 === 0;
    if (disable) await registry.disable(accountId, `401 in round ${round}`);
    else await registry.enable(accountId);
    last = { enabled: !disable, disabledReason: disable ? `401 in round ${round}` : undefined };
  } else {
    last = { mode: round % 2 === 0 ? 'relax' : 'fast' };
    await registry.update(accountId, last);
  }
  // Only this process writes these fields: anything else here is a write of ours that was lost.
  const now = await registry.get(accountId);
  const seen = side === 'state' ? { enabled: now?.enabled, disabledReason: now?.disabledReason } : { mode: now?.mode };
  if (JSON.stringify(seen) !== JSON.stringify(last)) lost.push({ round, wrote: last, seen });
}
process.stdout.write(`${JSON.stringify({ lost: lost.length, examples: lost.slice(0, 3), last })}\n`);
lines.close();
await redis.quit();
