import { parseConfigPatch, type RuntimeConfig } from '../config.js';
import { json, type Reply } from '../http/http-io.js';
import type { SandboxState } from '../state.js';

export interface ControlDeps {
  state: SandboxState;
  config: () => RuntimeConfig;
  configure: (patch: Partial<RuntimeConfig>) => void;
  reset: () => void;
}

type ControlRoute = (body: unknown) => Reply;

/**
 * `/_sandbox/…`: no auth, JSON, for tests and benchmarks. Each entry is one operation, so fault
 * injection (429 bursts, 5xx, dropped or duplicated events, gateway disconnects) adds entries here
 * and a switch where the fault applies.
 */
export function controlRoutes(deps: ControlDeps): Map<string, ControlRoute> {
  return new Map<string, ControlRoute>([
    ['GET /_sandbox/state', () => json(200, { config: deps.config(), ...deps.state.snapshot() })],
    // Apart from the state: one entry per job since the last reset, for slot utilisation benchmarks.
    ['GET /_sandbox/jobs', () => json(200, { history: deps.state.jobs.history() })],
    [
      'POST /_sandbox/config',
      (body) => {
        const parsed = parseConfigPatch(body ?? {});
        if ('errors' in parsed) return json(400, { message: 'Invalid config', errors: parsed.errors });
        deps.configure(parsed.patch);
        return json(200, deps.config());
      },
    ],
    [
      'POST /_sandbox/reset',
      () => {
        deps.reset();
        return json(200, { reset: true });
      },
    ],
  ]);
}
