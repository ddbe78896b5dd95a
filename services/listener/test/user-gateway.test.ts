import { GatewayOpcodes as Op } from 'discord-api-types/v9';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@mjq/common';
import { UserGateway } from '../src/user-gateway.js';
import { FakeSocket } from './fake-socket.js';

/**
 * The client's clocks under fake timers: `ws` and `got` are replaced by in-memory fakes, so each
 * deadline, the jittered first beat and the zombie check are driven tick by tick, with no network.
 */
vi.mock('ws', async () => ({ default: (await import('./fake-socket.js')).FakeSocket }));
vi.mock('got', () => ({ default: () => ({ json: async () => ({ url: 'ws://gateway' }) }) }));

const INTERVAL = 1000;

let sessions: Array<string | undefined>;
let gateways: UserGateway[];

async function startGateway(opts: { random?: () => number } = {}): Promise<FakeSocket> {
  const gw = new UserGateway({
    apiUrl: 'http://discord',
    token: 'tok',
    log: createLogger('test', 'silent'),
    onDispatch: () => undefined,
    onFatal: () => undefined,
    onSession: (id) => sessions.push(id),
    helloTimeoutMs: 5_000,
    readyTimeoutMs: 3_000,
    random: opts.random ?? (() => 0.25),
  });
  gateways.push(gw);
  await gw.start();
  return latest();
}

const latest = (): FakeSocket => FakeSocket.all.at(-1)!;

/** The socket opens and says HELLO; the client answers IDENTIFY or RESUME. */
function handshake(socket: FakeSocket): void {
  socket.emit('open');
  socket.receive({ op: Op.Hello, d: { heartbeat_interval: INTERVAL }, s: null, t: null });
}

function ready(socket: FakeSocket, sessionId = 'abc'): void {
  socket.receive({ op: Op.Dispatch, s: 1, t: 'READY', d: { session_id: sessionId, resume_gateway_url: 'ws://resume/' } });
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all.length = 0;
  sessions = [];
  gateways = [];
});
afterEach(() => {
  for (const gw of gateways) gw.stop();
  vi.useRealTimers();
});

describe('UserGateway liveness (fake timers)', () => {
  it('gives up on a socket that says no HELLO within the deadline and connects again', async () => {
    const first = await startGateway();
    expect(first.url).toBe('ws://gateway/?v=9&encoding=json');
    first.emit('open');
    vi.advanceTimersByTime(4_999);
    expect(first.closedWith).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(first.closedWith).toBeDefined();
    expect(first.sent).toEqual([]); // nothing was said before HELLO
    vi.advanceTimersByTime(500); // first backoff step
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('sends the first heartbeat after interval × jitter, then one every interval', async () => {
    const socket = await startGateway({ random: () => 0.25 });
    handshake(socket);
    expect(socket.sentOps(Op.Identify)).toHaveLength(1);
    ready(socket);
    vi.advanceTimersByTime(249);
    expect(socket.sentOps(Op.Heartbeat)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(socket.sentOps(Op.Heartbeat)).toEqual([{ op: Op.Heartbeat, d: 1 }]);
    for (let beat = 2; beat <= 4; beat++) {
      socket.receive({ op: Op.HeartbeatAck, s: null, t: null });
      vi.advanceTimersByTime(INTERVAL);
      expect(socket.sentOps(Op.Heartbeat)).toHaveLength(beat);
    }
    expect(socket.closedWith).toBeUndefined();
  });

  it('re-identifies when IDENTIFY gets no READY within the deadline', async () => {
    const socket = await startGateway();
    handshake(socket);
    // Heartbeats are ACKed: only the missing READY is wrong.
    const ack = setInterval(() => socket.receive({ op: Op.HeartbeatAck, s: null, t: null }), 100);
    vi.advanceTimersByTime(2_999);
    expect(socket.closedWith).toBeUndefined();
    vi.advanceTimersByTime(1);
    clearInterval(ack);
    expect(socket.closedWith).toBe(1000);
    vi.advanceTimersByTime(500);
    handshake(latest());
    expect(latest().sentOps(Op.Identify)).toHaveLength(1);
  });

  it('closes a zombie socket resumably and RESUMEs the session at resume_gateway_url', async () => {
    const socket = await startGateway({ random: () => 0 });
    handshake(socket);
    ready(socket);
    socket.receive({ op: Op.Dispatch, s: 2, t: 'MESSAGE_CREATE', d: { id: 'm' } });
    vi.advanceTimersByTime(0); // first beat at once (jitter 0)
    socket.receive({ op: Op.HeartbeatAck, s: null, t: null });
    vi.advanceTimersByTime(INTERVAL); // second beat: never ACKed
    expect(socket.sentOps(Op.Heartbeat)).toHaveLength(2);
    expect(socket.closedWith).toBeUndefined();
    vi.advanceTimersByTime(INTERVAL); // third beat due with the second unACKed: a zombie
    expect(socket.closedWith).toBe(4000);
    expect(socket.sentOps(Op.Heartbeat)).toHaveLength(2);
    vi.advanceTimersByTime(500);
    const next = latest();
    expect(next).not.toBe(socket);
    expect(next.url).toBe('ws://resume/?v=9&encoding=json');
    handshake(next);
    expect(next.sent).toEqual([{ op: Op.Resume, d: { token: 'tok', session_id: 'abc', seq: 2 } }]);
    next.receive({ op: Op.Dispatch, s: 3, t: 'RESUMED', d: {} });
    // The old socket's timers died with it.
    vi.advanceTimersByTime(5 * INTERVAL);
    expect(socket.sentOps(Op.Heartbeat)).toHaveLength(2);
    expect(sessions).toEqual(['abc']);
  });

  it('reports the session: READY, kept across resumes, gone on a non-resumable invalid session and on stop', async () => {
    const socket = await startGateway();
    handshake(socket);
    ready(socket, 'abc');
    socket.receive({ op: Op.Reconnect, s: null, t: null });
    vi.advanceTimersByTime(500);
    handshake(latest());
    latest().receive({ op: Op.Dispatch, s: 2, t: 'RESUMED', d: {} });
    latest().receive({ op: Op.InvalidSession, d: false, s: null, t: null });
    vi.advanceTimersByTime(500);
    handshake(latest());
    ready(latest(), 'def');
    gateways[0]!.stop();
    expect(sessions).toEqual(['abc', undefined, 'def', undefined]);
  });
});
