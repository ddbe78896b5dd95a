import { json, type Reply } from '../http/http-io.js';

// Discord's error bodies (§2.2): `{code, message, errors?}`, nested field errors ending in `_errors`.

export const unauthorized = (): Reply => json(401, { message: '401: Unauthorized', code: 0 });
export const routeNotFound = (): Reply => json(404, { message: '404: Not Found', code: 0 });
export const methodNotAllowed = (): Reply => json(405, { message: '405: Method Not Allowed', code: 0 });

export const UnknownGuild = { status: 404, code: 10004, message: 'Unknown Guild' } as const;
export const UnknownChannel = { status: 404, code: 10003, message: 'Unknown Channel' } as const;
export const UnknownMessage = { status: 404, code: 10008, message: 'Unknown Message' } as const;
export const UnknownApplication = { status: 404, code: 10002, message: 'Unknown Application' } as const;
export const UnknownInteraction = { status: 404, code: 10062, message: 'Unknown interaction' } as const;
export const EmptyMessage = { status: 400, code: 50006, message: 'Cannot send an empty message' } as const;
export const InvalidJson = { status: 400, code: 50109, message: 'The request body contains invalid JSON.' } as const;

export interface DiscordError {
  status: number;
  code: number;
  message: string;
}

export function errorReply(error: DiscordError): Reply {
  return json(error.status, { code: error.code, message: error.message });
}

/** 400 50035 with the field error at `path`, e.g. `['data']` → `errors.data._errors[0]`. */
export function invalidFormBody(path: string[], code: string, message: string): Reply {
  const leaf: Record<string, unknown> = { _errors: [{ code, message }] };
  const errors = path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf);
  return json(400, { code: 50035, message: 'Invalid Form Body', errors });
}
