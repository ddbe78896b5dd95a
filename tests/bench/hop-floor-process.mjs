// The least a result's path costs on this machine, measured in the same burst as mjq (the
// orchestration bench): a process of its own that hears the sandbox's gateway as one more session
// of an account and, for each Midjourney result (a MESSAGE_CREATE with an image), runs one Lua
// script on Redis — as the listener stores the SUCCESS — then POSTs to the callback receiver — as
// the listener sends the callback. No parsing, correlation, records or copies: the bare hops.
// The receiver records it as {trigger_id: <message id>, type: 'floor'}.
// Env: SANDBOX_URL, TOKEN, REDIS_URL, KEY_PREFIX (a test prefix: its keys expire), RECEIVER_URL.
// Prints "floor ready" once its session is READY.
import { Agent, request } from 'node:http';
import { Redis } from 'ioredis';
import WebSocket from 'ws';

const { SANDBOX_URL, TOKEN, REDIS_URL, KEY_PREFIX, RECEIVER_URL } = process.env;
const redis = new Redis(REDIS_URL);
redis.defineCommand('floorStore', {
  numberOfKeys: 1,
  lua: "redis.call('HSET', KEYS[1], 'status', ARGV[1]) redis.call('PEXPIRE', KEYS[1], 60000) return 1",
});
const agent = new Agent({ keepAlive: true });
const receiver = new URL(RECEIVER_URL);

function post(body) {
  const payload = JSON.stringify(body);
  const req = request({ agent, host: receiver.hostname, port: receiver.port, path: receiver.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => res.resume());
  req.on('error', (err) => console.error(`floor post failed: ${err.message}`));
  req.end(payload);
}

async function onResult(message) {
  await redis.floorStore(`{${KEY_PREFIX}}:floor:${message.id}`, 'SUCCESS');
  post({ trigger_id: message.id, type: 'floor' });
}

const { url } = await (await fetch(`${SANDBOX_URL}/api/v10/gateway`)).json();
const ws = new WebSocket(`${url}/?v=10&encoding=json`);
let seq = null;
ws.on('message', (data) => {
  const frame = JSON.parse(data.toString());
  if (frame.s != null) seq = frame.s;
  if (frame.op === 10) {
    setInterval(() => ws.send(JSON.stringify({ op: 1, d: seq })), frame.d.heartbeat_interval).unref();
    ws.send(JSON.stringify({ op: 2, d: { token: TOKEN, properties: { os: 'Linux', browser: 'Chrome', device: '' }, capabilities: 0 } }));
  } else if (frame.t === 'READY') {
    console.log('floor ready');
  } else if (frame.t === 'MESSAGE_CREATE' && frame.d.attachments?.length && !frame.d.content?.includes('%')) {
    onResult(frame.d).catch((err) => console.error(`floor store failed: ${err.message}`));
  }
});
ws.on('close', (code) => console.error(`floor gateway closed: ${code}`));
