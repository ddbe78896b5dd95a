import { describe, expect, it } from 'vitest';
import { OP, UserGatewayState } from '../src/gateway-protocol.js';

describe('UserGatewayState', () => {
  it('identifies as a user (no intents), heartbeats with the last sequence and resumes after a drop', () => {
    const s = new UserGatewayState('tok');
    expect(s.onOpen()).toEqual([{ type: 'send', frame: { op: OP.IDENTIFY, d: expect.objectContaining({ token: 'tok', capabilities: expect.any(Number) }) } }]);
    expect((s.onOpen()[0] as { frame: { d: object } }).frame.d).not.toHaveProperty('intents');
    expect(s.onFrame({ op: OP.HELLO, d: { heartbeat_interval: 1000 } })).toEqual([{ type: 'heartbeat-every', ms: 1000 }]);
    s.onFrame({ op: OP.DISPATCH, s: 1, t: 'READY', d: { session_id: 'abc', resume_gateway_url: 'ws://r' } });
    expect(s.onFrame({ op: OP.DISPATCH, s: 2, t: 'MESSAGE_CREATE', d: { id: '1' } })).toEqual([{ type: 'dispatch', event: 'MESSAGE_CREATE', data: { id: '1' } }]);
    expect(s.onHeartbeatDue()).toEqual([{ type: 'send', frame: { op: OP.HEARTBEAT, d: 2 } }]);
    s.onFrame({ op: OP.ACK });
    expect(s.onHeartbeatDue()).toEqual([{ type: 'send', frame: { op: OP.HEARTBEAT, d: 2 } }]);
    // No ACK for the previous beat: a zombie connection.
    expect(s.onHeartbeatDue()).toEqual([{ type: 'reconnect', resume: true }]);
    expect(s.onOpen()).toEqual([{ type: 'send', frame: { op: OP.RESUME, d: { token: 'tok', session_id: 'abc', seq: 2 } } }]);
    expect(s.resumeUrl).toBe('ws://r');
  });

  it('answers a server heartbeat request at once', () => {
    const s = new UserGatewayState('tok');
    expect(s.onFrame({ op: OP.HEARTBEAT })).toEqual([{ type: 'send', frame: { op: OP.HEARTBEAT, d: null } }]);
  });

  it.each([
    [4004, 'fatal'],
    [4014, 'fatal'],
    [4000, 'resume'],
    [1006, 'resume'],
    [4007, 'identify'],
  ])('close %i → %s', (code, expected) => {
    const s = new UserGatewayState('tok');
    s.onFrame({ op: OP.DISPATCH, s: 1, t: 'READY', d: { session_id: 'abc' } });
    const [action] = s.onClose(code);
    if (expected === 'fatal') expect(action).toMatchObject({ type: 'fatal' });
    else expect(action).toEqual({ type: 'reconnect', resume: expected === 'resume' });
  });

  it('re-identifies after an invalid session that cannot be resumed', () => {
    const s = new UserGatewayState('tok');
    s.onFrame({ op: OP.DISPATCH, s: 5, t: 'READY', d: { session_id: 'abc' } });
    expect(s.onFrame({ op: OP.INVALID_SESSION, d: false })).toEqual([{ type: 'reconnect', resume: false }]);
    expect(s.onOpen()[0]).toMatchObject({ frame: { op: OP.IDENTIFY } });
  });
});
