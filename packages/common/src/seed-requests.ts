import type { TaskStore } from './task-store.js';

// A seed asked for is answered in a DM that names only the job id (§2.4), so the API links that
// job id to the task when it reacts, and the listener follows the link when the DM comes. A
// finished task's record is compacted and no longer takes field changes, while the seed comes
// after the task finished: it is kept beside the task, under the task's TTL, and read into it.
// Both live among the message links (TaskLinks), under names no Discord message id can have.

const requestLink = (jobId: string) => `seed:${jobId.toLowerCase()}`;
const seedLink = (taskId: string) => `seed-of:${taskId}`;

export async function linkSeedRequest(store: TaskStore, jobId: string, taskId: string): Promise<void> {
  await store.linkMessage(requestLink(jobId), taskId);
}

export async function findSeedRequest(store: TaskStore, jobId: string): Promise<string | undefined> {
  return store.findByMessage(requestLink(jobId));
}

export async function keepSeed(store: TaskStore, taskId: string, seed: string): Promise<void> {
  await store.linkMessage(seedLink(taskId), seed);
}

/** The seed Midjourney sent for the task, if it was asked for (and kept on a still-live task too). */
export async function keptSeed(store: TaskStore, taskId: string): Promise<string | undefined> {
  return store.findByMessage(seedLink(taskId));
}
