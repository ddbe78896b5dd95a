import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { recordedSendSchema, type RecordedSend } from './queues.js';
import { taskSchema, type Task } from './task.js';

/**
 * How a task is laid out in Redis: a live task is a hash of JSON-encoded fields (the Lua scripts
 * change single fields); a finished one is that hash as one deflated JSON record.
 */

export function encodeFields(fields: Record<string, unknown>): string[] {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => [k, JSON.stringify(v)]);
}

export function decodeTaskHash(hash: Record<string, string>): Task {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(hash)) raw[k] = JSON.parse(v);
  return taskSchema.parse(raw);
}

export function pairsToHash(pairs: string[]): Record<string, string> {
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) hash[pairs[i]!] = pairs[i + 1]!;
  return hash;
}

/** Bookkeeping of a live task (callback pacing, deadline pushes) that a finished one does not need. */
const LIVE_ONLY_FIELDS = new Set(['_progressAt', '_quiet', '_touchedAt', '_send']);

/** The send a live task's trigger job last recorded (take-send.lua), if any and readable. */
export function recordedSendOf(hash: Record<string, string>): RecordedSend | undefined {
  if (!hash._send) return undefined;
  const parsed = recordedSendSchema.safeParse(JSON.parse(hash._send));
  return parsed.success ? parsed.data : undefined;
}

/**
 * A record is a few KB: a 4 KB window and a small hash table compress it as well as zlib's
 * defaults (256 KB of state, set up and torn down per call), at a fifth of the time in a busy
 * process (docs/benchmarks.md). Any window inflates with the default one.
 */
const DEFLATE = { windowBits: 12, memLevel: 5 };

/** A finished task's hash as stored by compact-task-3.lua. */
export function compactRecord(hash: Record<string, string>): Buffer {
  return deflateRawSync(JSON.stringify(Object.fromEntries(Object.entries(hash).filter(([field]) => !LIVE_ONLY_FIELDS.has(field)))), DEFLATE);
}

export function readCompactRecord(record: Buffer): Record<string, string> {
  return JSON.parse(inflateRawSync(record).toString('utf8')) as Record<string, string>;
}
