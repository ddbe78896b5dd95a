import { isTerminal, type Task } from './task-model.js';

/** What the page remembers of a task this browser submitted (kept in localStorage). */
export interface RecentTask {
  id: string;
  action: string;
  prompt: string;
  status: Task['status'];
  progress: number;
  imageUrl?: string;
  failCode?: string;
  failReason?: string;
  submitTime: number;
}

export const RECENT_LIMIT = 30;

export function recentFrom(task: Task): RecentTask {
  const entry: RecentTask = { id: task.id, action: task.action, prompt: task.prompt, status: task.status, progress: task.progress, submitTime: task.submitTime };
  if (task.imageUrl) entry.imageUrl = task.imageUrl;
  if (task.failCode) entry.failCode = task.failCode;
  if (task.failReason) entry.failReason = task.failReason;
  return entry;
}

const isEntry = (v: unknown): v is RecentTask =>
  typeof v === 'object' && v !== null && typeof (v as RecentTask).id === 'string' && /^\d+$/.test((v as RecentTask).id) && typeof (v as RecentTask).status === 'string';

/** The stored list; anything unreadable (another version, a hand edit) is dropped, never thrown. */
export function parseRecent(json: string | null): RecentTask[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(isEntry).slice(0, RECENT_LIMIT) : [];
  } catch {
    return [];
  }
}

/**
 * The list with `task` recorded: a known task is updated in place (unless the stored entry is
 * already terminal and this is an older, stale view), a new one goes first; the oldest fall off.
 */
export function remember(list: RecentTask[], task: Task): RecentTask[] {
  const entry = recentFrom(task);
  const at = list.findIndex((t) => t.id === task.id);
  if (at < 0) return [entry, ...list].slice(0, RECENT_LIMIT);
  const known = list[at]!;
  if (isTerminal(known.status) && !isTerminal(task.status)) return list;
  return list.map((t, i) => (i === at ? entry : t));
}

/** Ids whose last known state is not terminal: the page follows them again after a reload. */
export function unfinished(list: RecentTask[]): string[] {
  return list.filter((t) => !isTerminal(t.status)).map((t) => t.id);
}
