/**
 * Midjourney's DM answering a ✉️ reaction on a result (§2.4): it names the job and its seed,
 * `**Job ID**: <uuid>` and `**seed** <n>` (the wording the peers parse; no stored capture).
 */
const JOB_ID = /\*\*Job ID\*\*:?\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;
const SEED = /\*\*seed\*\*:?\s*(\d{1,10})\b/i;

export interface SeedAnswer {
  jobId: string;
  seed: string;
}

export function parseSeedMessage(content: string): SeedAnswer | undefined {
  const jobId = JOB_ID.exec(content)?.[1];
  const seed = SEED.exec(content)?.[1];
  return jobId && seed ? { jobId: jobId.toLowerCase(), seed } : undefined;
}

/** The reaction Midjourney answers with the seed: ✉️, percent-encoded for the route. */
export const SEED_REACTION = '%E2%9C%89%EF%B8%8F';
