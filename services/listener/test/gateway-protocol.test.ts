import { GatewayOpcodes as Op } from 'discord-api-types/v9';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BROWSER_IDENTITY, mergeBrowserIdentity } from '@mjq/common';
import { UserGatewayState, type GatewayAction } from '../src/gateway-protocol.js';

const timings = { helloTimeoutMs: 20_000, readyTimeoutMs: 15_000, random: () => 0.25 };
const sends = (actions: GatewayAction[]) => actions.flatMap((a) => (a.type === 'send' ? [a.frame] : []));

/** Open, HELLO (interval 1000), READY: a live session `abc` at seq 1. */
function live(): UserGatewayState {
  const s = new UserGatewayState('tok', timings);
  s.onOpen();
  s.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } });
  s.onFrame({ op: Op.Dispatch, s: 1, t: 'READY', d: { session_id: 'abc', resume_gateway_url: 'ws://r' } });
  return s;
}

describe('UserGatewayState', () => {
  it('waits for HELLO, then identifies as a user (no intents), starts a jittered heartbeat and a READY deadline', () => {
    const s = new UserGatewayState('tok', timings);
    expect(s.onOpen()).toEqual([{ type: 'deadline', name: 'hello', ms: 20_000 }]);
    const hello = s.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } });
    expect(hello).toEqual([
      { type: 'deadline-met', name: 'hello' },
      { type: 'heartbeat', firstMs: 250, everyMs: 1000 },
      { type: 'send', frame: { op: Op.Identify, d: expect.objectContaining({ token: 'tok', capabilities: expect.any(Number) }) } },
      { type: 'deadline', name: 'ready', ms: 15_000 },
    ]);
    expect(sends(hello)[0]!.d).not.toHaveProperty('intents');
    // A second HELLO must not identify twice (the gateway would close 4005).
    expect(s.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } })).toEqual([]);
    expect(s.onFrame({ op: Op.Dispatch, s: 1, t: 'READY', d: { session_id: 'abc', resume_gateway_url: 'ws://r' } })).toEqual([
      { type: 'deadline-met', name: 'ready' },
      { type: 'session', sessionId: 'abc' },
      { type: 'dispatch', event: 'READY', data: { session_id: 'abc', resume_gateway_url: 'ws://r' } },
    ]);
  });

  it("identifies with the account's browser as properties: the same object its REST calls send as X-Super-Properties", () => {
    const identify = (state: UserGatewayState) => {
      state.onOpen();
      return sends(state.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } }))[0]!.d as { properties: unknown };
    };
    expect(identify(new UserGatewayState('tok', timings)).properties).toEqual(DEFAULT_BROWSER_IDENTITY);
    const french = mergeBrowserIdentity(DEFAULT_BROWSER_IDENTITY, { system_locale: 'fr' });
    expect(identify(new UserGatewayState('tok', timings, french)).properties).toEqual(french);
  });

  it.each([
    [0, 0],
    [0.5, 20_625],
    [0.999, 41_208],
  ])('the first heartbeat waits interval × jitter (%s → %s ms)', (jitter, firstMs) => {
    const s = new UserGatewayState('tok', { ...timings, random: () => jitter });
    s.onOpen();
    expect(s.onFrame({ op: Op.Hello, d: { heartbeat_interval: 41_250 } })).toContainEqual({ type: 'heartbeat', firstMs, everyMs: 41_250 });
  });

  it('heartbeats with the last sequence; a beat still unACKed when the next is due is a zombie to resume', () => {
    const s = live();
    s.onFrame({ op: Op.Dispatch, s: 2, t: 'MESSAGE_CREATE', d: { id: '1' } });
    expect(s.onHeartbeatDue()).toEqual([{ type: 'send', frame: { op: Op.Heartbeat, d: 2 } }]);
    s.onFrame({ op: Op.HeartbeatAck });
    expect(s.onHeartbeatDue()).toEqual([{ type: 'send', frame: { op: Op.Heartbeat, d: 2 } }]);
    expect(s.onHeartbeatDue()).toEqual([{ type: 'reconnect', resume: true, reason: expect.stringMatching(/zombie/) }]);
    // The new socket resumes the same session where it left off, at the resume URL.
    expect(s.resumeUrl).toBe('ws://r');
    s.onOpen();
    expect(sends(s.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } }))).toEqual([
      { op: Op.Resume, d: { token: 'tok', session_id: 'abc', seq: 2 } },
    ]);
    // RESUMED keeps the session: no session change is reported.
    expect(s.onFrame({ op: Op.Dispatch, s: 3, t: 'RESUMED', d: {} })).toEqual([
      { type: 'deadline-met', name: 'ready' },
      { type: 'dispatch', event: 'RESUMED', data: {} },
    ]);
  });

  it('a requested heartbeat also expects its ACK', () => {
    const s = live();
    expect(s.onFrame({ op: Op.Heartbeat })).toEqual([{ type: 'send', frame: { op: Op.Heartbeat, d: 1 } }]);
    expect(s.onHeartbeatDue()).toMatchObject([{ type: 'reconnect', resume: true }]);
  });

  it('a new socket starts with no beat owed', () => {
    const s = live();
    s.onHeartbeatDue();
    s.onOpen();
    s.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } });
    expect(sends(s.onHeartbeatDue())).toEqual([{ op: Op.Heartbeat, d: 1 }]);
  });

  it('no HELLO in time: reconnect, resuming when there is a session', () => {
    const fresh = new UserGatewayState('tok', timings);
    fresh.onOpen();
    expect(fresh.onDeadline('hello')).toEqual([{ type: 'reconnect', resume: false, reason: 'no HELLO within 20000 ms' }]);
    const s = live();
    s.onOpen();
    expect(s.onDeadline('hello')).toMatchObject([{ type: 'reconnect', resume: true }]);
  });

  it('no READY/RESUMED in time after IDENTIFY/RESUME: reconnect', () => {
    const fresh = new UserGatewayState('tok', timings);
    fresh.onOpen();
    fresh.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } });
    expect(fresh.onDeadline('ready')).toEqual([{ type: 'reconnect', resume: false, reason: 'no READY/RESUMED within 15000 ms' }]);
    const s = live();
    s.onOpen();
    s.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } });
    expect(s.onDeadline('ready')).toMatchObject([{ type: 'reconnect', resume: true }]);
  });

  it('ignores deadlines and beats that outlived their phase', () => {
    const s = live();
    expect(s.onDeadline('hello')).toEqual([]);
    expect(s.onDeadline('ready')).toEqual([]);
    s.onOpen();
    expect(s.onHeartbeatDue()).toEqual([]); // no HELLO yet on the new socket: nothing to beat
    s.onClose(1006);
    expect(s.onDeadline('hello')).toEqual([]);
    expect(s.onHeartbeatDue()).toEqual([]);
  });

  it('answers a server heartbeat request at once', () => {
    const s = new UserGatewayState('tok', timings);
    s.onOpen();
    expect(s.onFrame({ op: Op.Heartbeat })).toEqual([{ type: 'send', frame: { op: Op.Heartbeat, d: null } }]);
  });

  it.each([
    [4004, 'fatal'],
    [4014, 'fatal'],
    [4000, 'resume'],
    [1006, 'resume'],
    [4007, 'identify'],
    [4009, 'identify'],
  ])('close %i → %s', (code, expected) => {
    const s = live();
    const actions = s.onClose(code);
    if (expected === 'fatal') return expect(actions).toMatchObject([{ type: 'fatal' }]);
    expect(actions.at(-1)).toEqual({ type: 'reconnect', resume: expected === 'resume', reason: `gateway closed ${code}` });
    // A session that cannot be resumed is reported gone before the reconnect.
    if (expected === 'identify') expect(actions[0]).toEqual({ type: 'session', sessionId: undefined });
  });

  it('re-identifies after an invalid session that cannot be resumed, and reports the new session', () => {
    const s = live();
    s.onFrame({ op: Op.Dispatch, s: 5, t: 'MESSAGE_CREATE', d: {} });
    expect(s.onFrame({ op: Op.InvalidSession, d: false })).toEqual([
      { type: 'session', sessionId: undefined },
      { type: 'reconnect', resume: false, reason: 'invalid session (resumable: false)' },
    ]);
    s.onOpen();
    expect(sends(s.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } }))).toMatchObject([{ op: Op.Identify }]);
    expect(s.onFrame({ op: Op.Dispatch, s: 1, t: 'READY', d: { session_id: 'def' } })).toContainEqual({ type: 'session', sessionId: 'def' });
  });

  it('resumes after a resumable invalid session and after op 7', () => {
    const s = live();
    expect(s.onFrame({ op: Op.InvalidSession, d: true })).toEqual([{ type: 'reconnect', resume: true, reason: 'invalid session (resumable: true)' }]);
    expect(s.onFrame({ op: Op.Reconnect })).toMatchObject([{ type: 'reconnect', resume: true }]);
    expect(s.sessionId).toBe('abc');
  });
});

describe('UserGatewayState handed over between processes', () => {
  it('leaves a resumable state, and a new state built from it RESUMEs and reports the session once RESUMED', () => {
    const old = live();
    old.onFrame({ op: Op.Dispatch, s: 7, t: 'MESSAGE_CREATE', d: {} });
    const handed = old.resumeState;
    expect(handed).toEqual({ sessionId: 'abc', seq: 7, resumeUrl: 'ws://r' });

    const next = new UserGatewayState('tok', timings, DEFAULT_BROWSER_IDENTITY, handed);
    next.onOpen();
    expect(sends(next.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } }))).toEqual([{ op: Op.Resume, d: { token: 'tok', session_id: 'abc', seq: 7 } }]);
    // The replay arrives before RESUMED; the session is reported (for the dispatchers) once it is ours.
    expect(next.onFrame({ op: Op.Dispatch, s: 8, t: 'MESSAGE_UPDATE', d: {} })).toEqual([{ type: 'dispatch', event: 'MESSAGE_UPDATE', data: {} }]);
    expect(next.onFrame({ op: Op.Dispatch, s: 9, t: 'RESUMED', d: {} })).toEqual([
      { type: 'deadline-met', name: 'ready' },
      { type: 'session', sessionId: 'abc' },
      { type: 'dispatch', event: 'RESUMED', data: {} },
    ]);
    // A later resume of the same session (a dropped socket) reports nothing new.
    next.onClose(1006);
    next.onOpen();
    next.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } });
    expect(next.onFrame({ op: Op.Dispatch, s: 10, t: 'RESUMED', d: {} }).filter((a) => a.type === 'session')).toEqual([]);
  });

  it('identifies afresh when the handed-over session is gone (op 9, not resumable)', () => {
    const next = new UserGatewayState('tok', timings, DEFAULT_BROWSER_IDENTITY, { sessionId: 'gone', seq: 3 });
    next.onOpen();
    next.onFrame({ op: Op.Hello, d: { heartbeat_interval: 1000 } });
    // Never reported, so nothing to withdraw: just a reconnect that will IDENTIFY.
    expect(next.onFrame({ op: Op.InvalidSession, d: false })).toEqual([{ type: 'reconnect', resume: false, reason: 'invalid session (resumable: false)' }]);
    expect(next.resumeState).toBeUndefined();
  });

  it('has nothing to hand over before READY', () => {
    expect(new UserGatewayState('tok', timings).resumeState).toBeUndefined();
  });
});
