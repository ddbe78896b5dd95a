import type { JobSpan } from '@mjq/sandbox';

// What the sandbox's record of job spans says about the slots' use (the orchestration bench).

/** Share of the slots' time spent on jobs between the first and the last job start (work was waiting all along). */
export function utilisation(spans: readonly JobSpan[], slots: number, since = 0): { share: number; windowMs: number } {
  const from = Math.max(since, Math.min(...spans.map((s) => s.startedAt)));
  const to = Math.max(...spans.map((s) => s.startedAt));
  const busy = spans.reduce((sum, s) => sum + Math.max(0, Math.min(s.endedAt ?? to, to) - Math.max(s.startedAt, from)), 0);
  return { share: busy / (slots * (to - from)), windowMs: to - from };
}

/** Per account of `slots` slots: from each job's end to the start of the job that took its slot (ms). */
export function handoffGaps(spans: readonly JobSpan[], slots: number): number[] {
  const ends = spans.map((s) => s.endedAt!).sort((a, b) => a - b);
  const starts = spans.map((s) => s.startedAt).sort((a, b) => a - b);
  return starts.slice(slots).map((start, i) => start - ends[i]!);
}
