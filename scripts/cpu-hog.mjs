#!/usr/bin/env node
// Burns every core (or HOG_THREADS of them) with busy loops in worker threads until killed:
// the "loaded machine" the test suite must pass on (issue 11).
//   node scripts/cpu-hog.mjs & HOG=$!; npx vitest run; kill $HOG
import { availableParallelism } from 'node:os';
import { isMainThread, Worker } from 'node:worker_threads';

if (isMainThread) {
  const threads = Number(process.env.HOG_THREADS) || availableParallelism();
  const workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url)));
  const stop = () => {
    for (const w of workers) void w.terminate();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.error(`cpu-hog: ${threads} busy threads (pid ${process.pid})`);
} else {
  // Busy forever; the main thread terminates us.
  let x = 0;
  for (;;) x = (x + Math.sqrt(x + 1)) % 1e9;
}
