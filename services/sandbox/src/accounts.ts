import { isSnowflake } from './ids.js';
import type { Identity, World } from './world.js';

/** What `users` in SandboxOptions, `addUser()` and `POST /_sandbox/users` accept. */
export interface UserSpec {
  token: string;
  /** A snowflake; default `12000000000000001nn`, counting up. */
  id?: string;
  /** Default `driver` for the first user, `driver<n>` after. */
  username?: string;
  /** Midjourney jobs running at once for this account; default 3 (Standard plan, design). */
  concurrency?: number;
}

/** Midjourney's job mode for an account: what `/fast`, `/relax`, `/turbo` switch (§4.2). */
export type AccountMode = 'fast' | 'relax' | 'turbo';

/** Per-account conditions Midjourney answers every job with (§5.1), set by tests. */
export interface UserState {
  /** Fast jobs get "Credits exhausted"; relax jobs still run. */
  outOfFastHours: boolean;
  /** Every interaction gets "Blocked". */
  blocked: boolean;
  /** Every job gets "Action needed to continue" (verify you're human). */
  captcha: boolean;
  mode: AccountMode;
}

export interface SandboxUser {
  id: string;
  username: string;
  token: string;
  concurrency: number;
  state: UserState;
}

/** Concurrent jobs per account on a Standard plan (design: "Accounts, slots and limits"). */
export const DEFAULT_CONCURRENCY = 3;
const FIRST_EXTRA_ID = 1_200_000_000_000_000_101n;
const freshState = (): UserState => ({ outOfFastHours: false, blocked: false, captcha: false, mode: 'fast' });

/**
 * The Midjourney accounts (user tokens) of the fake Discord. Each is a guild member with its own
 * gateway sessions (the World knows its identity) and, here, its Midjourney side: how many jobs
 * it may run at once and the conditions tests put it in.
 */
export class Accounts {
  private readonly byId = new Map<string, { identity: Identity; concurrency: number; state: UserState }>();
  private nextId = FIRST_EXTRA_ID;

  constructor(private readonly world: World) {
    for (const identity of world.users()) this.byId.set(identity.user.id, { identity, concurrency: DEFAULT_CONCURRENCY, state: freshState() });
  }

  /** Adds a user account; throws with a readable message when the spec is unusable. */
  add(spec: UserSpec): SandboxUser {
    const problems = this.check(spec);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const id = spec.id ?? this.freshId();
    const username = spec.username ?? `driver${this.byId.size + 1}`;
    const identity: Identity = { kind: 'user', token: spec.token, user: { id, username, discriminator: '0', global_name: username, avatar: null } };
    this.world.addUser(identity);
    this.byId.set(id, { identity, concurrency: spec.concurrency ?? DEFAULT_CONCURRENCY, state: freshState() });
    return this.user(id)!;
  }

  /**
   * Checks the first user (whose identity the World already made from the same spec) and applies
   * its concurrency; throws like `add`.
   */
  configureFirst(spec: UserSpec): void {
    const first = this.byId.get(this.world.driver.user.id)!;
    const problems = this.check(spec, first.identity);
    if (problems.length > 0) throw new Error(problems.join('; '));
    if (spec.concurrency !== undefined) first.concurrency = spec.concurrency;
  }

  /** Problems with a spec; `self` is the identity already made from it (the first user). */
  check(spec: UserSpec, self?: Identity): string[] {
    const problems: string[] = [];
    const holder = typeof spec.token === 'string' ? this.world.identityFromGatewayToken(spec.token) : undefined;
    if (typeof spec.token !== 'string' || spec.token.trim() === '' || spec.token.startsWith('Bot ')) problems.push('token must be a non-empty raw user token');
    else if (holder && holder !== self) problems.push('token is already in use');
    const idTaken = spec.id !== undefined && ((this.byId.has(spec.id) && self?.user.id !== spec.id) || spec.id === this.world.listener.user.id);
    if (spec.id !== undefined && (!isSnowflake(spec.id) || idTaken)) problems.push('id must be an unused snowflake string');
    if (spec.username !== undefined && (typeof spec.username !== 'string' || spec.username.trim() === '')) problems.push('username must be a non-empty string');
    if (spec.concurrency !== undefined && !(Number.isInteger(spec.concurrency) && spec.concurrency > 0)) problems.push('concurrency must be a positive integer');
    return problems;
  }

  concurrency(userId: string): number {
    return this.byId.get(userId)?.concurrency ?? DEFAULT_CONCURRENCY;
  }

  state(userId: string): UserState {
    return this.byId.get(userId)?.state ?? freshState();
  }

  /** False when no such user exists. */
  setState(userId: string, patch: Partial<UserState>): boolean {
    const entry = this.byId.get(userId);
    if (!entry) return false;
    entry.state = { ...entry.state, ...patch };
    return true;
  }

  user(userId: string): SandboxUser | undefined {
    const entry = this.byId.get(userId);
    if (!entry) return undefined;
    const { id, username } = entry.identity.user;
    return { id, username, token: entry.identity.token, concurrency: entry.concurrency, state: { ...entry.state } };
  }

  list(): SandboxUser[] {
    return [...this.byId.keys()].map((id) => this.user(id)!);
  }

  /** Reset keeps the accounts (clients stay logged in) but clears the conditions tests set. */
  resetStates(): void {
    for (const entry of this.byId.values()) entry.state = freshState();
  }

  private freshId(): string {
    while (this.byId.has(this.nextId.toString())) this.nextId += 1n;
    return (this.nextId++).toString();
  }
}
