import { AppError } from '@mjq/common';

/** The part of a zod schema this needs (services/api reaches zod only through @mjq/common). */
interface RequestSchema<T> {
  safeParse(body: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Validates a body with its zod schema from @mjq/common: tsoa only checks the shape it can read
 * from the DTO interfaces; the schema is the contract (patterns, trimming, cross-field rules).
 */
export function parseRequest<T>(schema: RequestSchema<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new AppError('VALIDATION_ERROR', fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; '), { fields });
}
