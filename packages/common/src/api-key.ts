import { z } from 'zod';

/** Per-key limits; an absent limit is no limit. */
export const apiKeyLimitsSchema = z.object({
  /** Requests per second (every task route), answered 429 with Retry-After past it. */
  rps: z.number().int().min(1).max(10_000).optional(),
  /** Tasks of this key not finished yet (waiting, running, in MODAL). */
  concurrent: z.number().int().min(1).max(100_000).optional(),
  /** Tasks created per UTC day. */
  daily: z.number().int().min(1).max(10_000_000).optional(),
});
export type ApiKeyLimits = z.infer<typeof apiKeyLimitsSchema>;

/** POST /admin/api-keys. */
export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  limits: apiKeyLimitsSchema.default({}),
});
export type CreateApiKeyRequest = z.input<typeof createApiKeyRequestSchema>;

/** An API key as stored: never the key itself, only its sha256. */
export const apiKeyRecordSchema = z.object({
  id: z.string().regex(/^key_[0-9a-f]{12}$/),
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  limits: apiKeyLimitsSchema,
  createdAt: z.number().int(),
  revokedAt: z.number().int().optional(),
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>;
