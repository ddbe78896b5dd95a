/**
 * The fault suite's accounting, pure: from what the client saw, what the callback receiver got and
 * what the sandbox (fake Discord) recorded, the numbers the suite prints and asserts on.
 */
export interface ClientTask {
  id: string;
  action: string;
  /** The last status the client read; undefined if it never read one. */
  status?: string;
  failCode?: string;
  nonce?: string;
}

export interface CallbackSeen {
  taskId: string;
  type: string;
  webhookId: string;
}

export interface InteractionSeen {
  status: number;
  nonce: unknown;
}

export interface FaultTally {
  submitted: number;
  /** Submissions answered with a clean refusal (4xx/503) or a dead connection, each retried by the client. */
  refused: Record<string, number>;
  succeeded: number;
  failedByReason: Record<string, number>;
  /** Accepted and not terminal by the deadline. */
  lost: string[];
  /** Slots still leased, per account, once every task is terminal. */
  stuckSlots: number;
  /** Terminal callbacks beyond the first per task and terminal event (distinct webhook-ids). */
  duplicateCallbacks: number;
  /** Terminal tasks with no terminal callback received. */
  missingCallbacks: string[];
  /** Midjourney jobs beyond one per task: accepted interactions sharing a nonce. */
  duplicateJobs: number;
  /** Interactions Discord accepted (each starts a Midjourney job). */
  jobsAccepted: number;
}

const TERMINAL_STATUSES = ['SUCCESS', 'FAILURE', 'CANCEL'];
export const TERMINAL_EVENTS = ['end', 'error', 'banned', 'cancel'];

export function tally(input: { tasks: ClientTask[]; refused: Record<string, number>; callbacks: CallbackSeen[]; interactions: InteractionSeen[]; stuckSlots: number }): FaultTally {
  const { tasks } = input;
  const failedByReason: Record<string, number> = {};
  for (const t of tasks.filter((x) => x.status === 'FAILURE' || x.status === 'CANCEL')) {
    const reason = t.status === 'CANCEL' ? 'CANCEL' : (t.failCode ?? 'unknown');
    failedByReason[reason] = (failedByReason[reason] ?? 0) + 1;
  }
  const ids = new Set(tasks.map((t) => t.id));
  const perEvent = new Map<string, Set<string>>();
  for (const c of input.callbacks) {
    if (!ids.has(c.taskId) || !TERMINAL_EVENTS.includes(c.type)) continue;
    const key = `${c.taskId} ${c.type}`;
    perEvent.set(key, (perEvent.get(key) ?? new Set()).add(c.webhookId));
  }
  const withCallback = new Set([...perEvent.keys()].map((k) => k.split(' ')[0]));
  const perNonce = new Map<string, number>();
  const accepted = input.interactions.filter((i) => i.status === 204 && typeof i.nonce === 'string');
  for (const i of accepted) perNonce.set(i.nonce as string, (perNonce.get(i.nonce as string) ?? 0) + 1);
  return {
    submitted: tasks.length,
    refused: input.refused,
    succeeded: tasks.filter((t) => t.status === 'SUCCESS').length,
    failedByReason,
    lost: tasks.filter((t) => !TERMINAL_STATUSES.includes(t.status ?? '')).map((t) => t.id),
    stuckSlots: input.stuckSlots,
    // Per task, one terminal event type is expected; two types (an end and an error) are a duplicate too.
    duplicateCallbacks: [...perEvent.values()].reduce((n, s) => n + s.size - 1, 0) + [...withCallback].reduce((n, id) => n + [...perEvent.keys()].filter((k) => k.startsWith(`${id} `)).length - 1, 0),
    missingCallbacks: tasks.filter((t) => TERMINAL_STATUSES.includes(t.status ?? '') && !withCallback.has(t.id)).map((t) => t.id),
    duplicateJobs: [...perNonce.values()].reduce((n, c) => n + c - 1, 0),
    jobsAccepted: accepted.length,
  };
}

/** The printed report: one row per number, then the verdict line. */
export function formatTally(t: FaultTally, extra: Record<string, string | number> = {}): string {
  const rows: [string, string | number][] = [
    ['submitted (accepted tasks)', t.submitted],
    ...Object.entries(t.refused).map(([why, n]): [string, number] => [`  submissions refused, retried: ${why}`, n]),
    ['succeeded', t.succeeded],
    ...Object.entries(t.failedByReason).map(([why, n]): [string, number] => [`failed: ${why}`, n]),
    ['lost', t.lost.length],
    ['stuck slots', t.stuckSlots],
    ['duplicate terminal callbacks', t.duplicateCallbacks],
    ['terminal tasks without a terminal callback', t.missingCallbacks.length],
    ['duplicate Midjourney jobs', t.duplicateJobs],
    ['Midjourney jobs accepted by Discord', t.jobsAccepted],
    ...Object.entries(extra),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const ok = t.lost.length === 0 && t.stuckSlots === 0 && t.duplicateCallbacks === 0 && t.duplicateJobs === 0;
  return [
    ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
    `faults: ${ok ? 'PASS' : 'FAIL'} — lost ${t.lost.length}, stuck ${t.stuckSlots}, duplicate callbacks ${t.duplicateCallbacks}, duplicate jobs ${t.duplicateJobs} (target: all 0)`,
  ].join('\n');
}
