import type { Accounts, SandboxUser, UserSpec, UserState } from './accounts.js';
import type { FaultInjector, FaultSnapshot } from './faults/fault-injector.js';
import type { FaultPatch } from './faults/fault-settings.js';
import type { GatewaySession } from './gateway/session.js';
import type { SessionRegistry } from './gateway/session-registry.js';
import { COMMANDS } from './midjourney/commands.js';
import type { World } from './world.js';

/** Which gateway sessions a gateway fault hits; default all. */
export interface SessionFilter {
  kind?: 'user' | 'bot';
  userId?: string;
}

export interface ScenarioDependencies {
  world: World;
  accounts: Accounts;
  sessions: SessionRegistry;
  faults: FaultInjector;
}

/** How long a client may take to act on op 7 before the sandbox closes the socket itself. */
const RECONNECT_GRACE_MS = 1_000;

/**
 * What tests change about the world while the sandbox runs: accounts and their Midjourney state,
 * command versions, faults and gateway connections. Shared by the `Sandbox` object and the
 * control API, so both do exactly the same.
 */
/** Close codes after which Discord will not resume the session (invalid seq, timed out, fatal ones). */
const SESSION_ENDING_CLOSES = new Set([4003, 4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);

export class ScenarioControls {
  constructor(private readonly deps: ScenarioDependencies) {}

  addUser(spec: UserSpec): SandboxUser {
    return this.deps.accounts.add(spec);
  }

  /** Conditions Midjourney answers every job of the user with (§5.1); throws for an unknown user. */
  setUserState(userId: string, patch: Partial<UserState>): SandboxUser {
    if (!this.deps.accounts.setState(userId, patch)) throw new Error(`no user ${userId}`);
    return this.deps.accounts.user(userId)!;
  }

  /** New versions for every command: clients holding the old ones get INVALID_VERSION (§5.2). */
  rotateCommandVersions(): Array<{ id: string; name: string; version: string }> {
    const versions = this.deps.world.commandVersions;
    versions.rotate();
    return COMMANDS.map((c) => ({ id: c.id, name: c.name, version: versions.of(c.version) }));
  }

  /**
   * Closes the socket of every connected session (matching `filter`) with `code`. The sessions
   * stay resumable (§1.8): with 4000 discord.js resumes and gets what was dispatched meanwhile;
   * with 1000 it identifies afresh (§1.9). Returns how many sessions were hit.
   */
  disconnectAll(code = 4000, filter: SessionFilter = {}): number {
    if (!isCloseCode(code)) throw new Error(`${code} is not a close code a server may send (1000–1014 or 3000–4999)`);
    const hit = this.connected(filter);
    for (const session of hit) {
      session.close(code, 'Disconnected by the sandbox');
      // §1.9: after these the session is gone on Discord's side; the client must IDENTIFY anew.
      if (SESSION_ENDING_CLOSES.has(code)) this.deps.sessions.end(session.id);
    }
    return hit.length;
  }

  /**
   * Stalls the socket of every connected session (matching `filter`): it stays open but goes
   * silent — no heartbeat ACKs, no dispatches — while the session keeps numbering and keeping what
   * it would have sent, so a client that notices and RESUMEs on a new socket gets it all (§1.4,
   * §1.8). The next `newConnections` sockets to open, whoever's, are silent from the start (no
   * HELLO). Returns how many sessions were hit.
   */
  stallAll(filter: SessionFilter = {}, newConnections = 0): number {
    if (!Number.isInteger(newConnections) || newConnections < 0) throw new Error('newConnections must be a non-negative integer');
    this.deps.sessions.silenceNextConnections(newConnections);
    const now = Date.now();
    return this.connected(filter).filter((session) => session.stall(now)).length;
  }

  /** Op 7 to every connected session (matching `filter`): reconnect and resume (§1.8). */
  reconnectAll(filter: SessionFilter = {}): number {
    const hit = this.connected(filter);
    for (const session of hit) session.requestReconnect(RECONNECT_GRACE_MS);
    return hit.length;
  }

  configureFaults(patch: FaultPatch | null): FaultSnapshot {
    this.deps.faults.configure(patch);
    return this.deps.faults.snapshot();
  }

  /** Back to the faults the sandbox started with. */
  resetFaults(): FaultSnapshot {
    this.deps.faults.reset();
    return this.deps.faults.snapshot();
  }

  private connected(filter: SessionFilter): GatewaySession[] {
    return this.deps.sessions.live().filter((s) => {
      if (!s.connected) return false;
      if (filter.kind !== undefined && s.identity.kind !== filter.kind) return false;
      return filter.userId === undefined || s.identity.user.id === filter.userId;
    });
  }
}

/** What `ws` lets a server send: RFC 6455 codes in use, and the 3000–4999 application range. */
function isCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}
