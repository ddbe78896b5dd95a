import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import { luaScript } from '@mjq/common';

/**
 * Where a run's Redis commands go, by the script they ran in (`BENCH_MONITOR=1` on the cost
 * bench): MONITOR sees every command, those a script runs marked `[N lua]` right after its
 * EVALSHA; a script is named by the SHA of its text (mjq's own and BullMQ's).
 */
export class RedisMonitor {
  private readonly lines: string[] = [];
  private client?: Redis;

  async start(url: string): Promise<void> {
    this.client = new Redis(url);
    const monitor = await this.client.monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => this.lines.push(`${source.includes('lua') ? 'lua' : 'client'}\t${args.join('\u0001')}`));
  }

  async stop(): Promise<void> {
    this.client?.disconnect();
    // BENCH_MONITOR_DUMP=<file>: every command seen, one per line, to follow one task through.
    const dump = process.env.BENCH_MONITOR_DUMP;
    if (dump) writeFileSync(dump, this.lines.map((l) => l.replaceAll('\u0001', ' ')).join('\n'));
  }

  /** Commands per task, grouped by script (or `client:<COMMAND>` outside scripts), largest first. */
  report(tasks: number): string[] {
    const names = scriptNames();
    const counts = new Map<string, number>();
    const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    let current = '';
    for (const line of this.lines) {
      const [origin, joined] = line.split('\t') as [string, string];
      const args = joined.split('\u0001');
      const command = args[0]!.toUpperCase();
      if (origin === 'lua') {
        add(`${current} ${command}`);
        add(current);
        continue;
      }
      if (command === 'EVALSHA' || command === 'EVAL') {
        const sha = command === 'EVAL' ? sha1(args[1]!) : args[1]!;
        current = `script:${names.get(sha) ?? sha.slice(0, 8)}`;
      } else current = `client:${command}`;
      add(current);
    }
    return [...counts]
      .filter(([key]) => !key.includes(' ') || (counts.get(key) ?? 0) / tasks >= 0.5)
      .sort((a, b) => (a[0].split(' ')[0] === b[0].split(' ')[0] ? b[1] - a[1] : (counts.get(b[0].split(' ')[0]!) ?? 0) - (counts.get(a[0].split(' ')[0]!) ?? 0)))
      .map(([key, n]) => `${key.includes(' ') ? '      ' + key.split(' ')[1] : key}`.padEnd(44) + (n / tasks).toFixed(1).padStart(8));
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** SHA → name of every script mjq or BullMQ defines (ioredis's defineCommand runs a script by the SHA of its text). */
function scriptNames(): Map<string, string> {
  const names = new Map<string, string>();
  const luaDir = new URL('../../packages/common/lua/', import.meta.url);
  for (const file of readdirSync(luaDir).filter((f) => f.endsWith('.lua'))) names.set(sha1(luaScript(file).lua), file.replace(/\.lua$/, ''));
  const require = createRequire(import.meta.url);
  const bullDir = join(dirname(require.resolve('bullmq')), 'scripts');
  for (const file of readdirSync(bullDir).filter((f) => /^[a-zA-Z]+-\d+\.js$/.test(f))) {
    const mod = require(join(bullDir, file)) as Record<string, { name?: string; content?: string }>;
    for (const script of Object.values(mod)) if (script?.content) names.set(sha1(script.content), `bullmq:${script.name}`);
  }
  return names;
}
