import type { AccountMode, UserSpec, UserState } from '../accounts.js';
import { parseFaultPatch } from '../faults/fault-settings.js';
import { json, type Reply } from '../http/http-io.js';
import type { ScenarioControls, SessionFilter } from '../scenario-controls.js';

type ControlRoute = (body: unknown) => Reply;
type Json = Record<string, unknown>;

const asObject = (body: unknown): Json => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {});
const invalid = (message: string, errors: string[]): Reply => json(400, { message, errors });
const MODES: readonly AccountMode[] = ['fast', 'relax', 'turbo'];

/**
 * `/_sandbox/…` for several accounts, faults and gateway disruptions (README, "Control API").
 * Each answers the resulting state, so a test can log what it set.
 */
export function scenarioRoutes(controls: ScenarioControls, users: () => unknown): Array<[string, ControlRoute]> {
  return [
    ['GET /_sandbox/users', () => json(200, users())],
    [
      'POST /_sandbox/users',
      (body) => {
        try {
          return json(200, controls.addUser(asObject(body) as unknown as UserSpec));
        } catch (err) {
          return invalid('Invalid user', [String((err as Error).message)]);
        }
      },
    ],
    [
      'POST /_sandbox/users/state',
      (body) => {
        const { userId, ...fields } = asObject(body);
        const parsed = parseUserState(fields);
        if ('errors' in parsed) return invalid('Invalid user state', parsed.errors);
        if (typeof userId !== 'string') return invalid('Invalid user state', ['userId is required']);
        try {
          return json(200, controls.setUserState(userId, parsed.patch));
        } catch (err) {
          return json(404, { message: (err as Error).message });
        }
      },
    ],
    [
      'POST /_sandbox/faults',
      (body) => {
        const parsed = parseFaultPatch(body ?? {});
        return 'errors' in parsed ? invalid('Invalid faults', parsed.errors) : json(200, controls.configureFaults(parsed.patch));
      },
    ],
    ['POST /_sandbox/faults/reset', () => json(200, controls.resetFaults())],
    ['POST /_sandbox/commands/rotate', () => json(200, { commands: controls.rotateCommandVersions() })],
    [
      'POST /_sandbox/gateway/disconnect',
      (body) => {
        const { code, ...filter } = asObject(body);
        try {
          return json(200, { sessions: controls.disconnectAll(typeof code === 'number' ? code : undefined, sessionFilter(filter)) });
        } catch (err) {
          return invalid('Invalid close code', [(err as Error).message]);
        }
      },
    ],
    [
      'POST /_sandbox/gateway/stall',
      (body) => {
        const { newConnections, ...filter } = asObject(body);
        try {
          return json(200, { sessions: controls.stallAll(sessionFilter(filter), newConnections === undefined ? 0 : (newConnections as number)) });
        } catch (err) {
          return invalid('Invalid stall', [(err as Error).message]);
        }
      },
    ],
    ['POST /_sandbox/gateway/reconnect', (body) => json(200, { sessions: controls.reconnectAll(sessionFilter(asObject(body))) })],
  ];
}

function parseUserState(fields: Json): { patch: Partial<UserState> } | { errors: string[] } {
  const patch: Partial<UserState> = {};
  const errors: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'outOfFastHours' || key === 'blocked' || key === 'captcha') {
      if (typeof value === 'boolean') patch[key] = value;
      else errors.push(`${key} must be a boolean`);
    } else if (key === 'mode') {
      if (MODES.includes(value as AccountMode)) patch.mode = value as AccountMode;
      else errors.push(`mode must be one of ${MODES.join(', ')}`);
    } else {
      errors.push(`unknown user state ${key}`);
    }
  }
  return errors.length > 0 ? { errors } : { patch };
}

function sessionFilter(body: Json): SessionFilter {
  const filter: SessionFilter = {};
  if (body.kind === 'user' || body.kind === 'bot') filter.kind = body.kind;
  if (typeof body.userId === 'string') filter.userId = body.userId;
  return filter;
}
