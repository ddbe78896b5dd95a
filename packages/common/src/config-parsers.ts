import { z } from 'zod';

/** Refinements of config.ts's environment schema. */

/** JSON, or base64 of JSON; a value that is neither is reported without quoting it. */
export function parseSuperProperties(v: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const text = v.trim().startsWith('{') ? v : Buffer.from(v.trim(), 'base64').toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a JSON object (or base64 of one)' });
    return z.NEVER;
  }
}

/** Two accounts under one id would silently overwrite each other in the registry. */
export function uniqueAccountIds(accounts: { id: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  accounts.forEach((account, index) => {
    if (seen.has(account.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate account id "${account.id}"` });
    seen.add(account.id);
  });
}
