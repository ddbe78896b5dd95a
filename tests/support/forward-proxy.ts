import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A forward proxy for tests, as operators run in front of Discord (squid, a SOCKS5 exit): it
 * forwards absolute-form HTTP requests and CONNECT tunnels (HTTPS, WebSockets), or SOCKS5
 * connections, and records every connection it made on a client's behalf, with the local port
 * it left from. The target sees those ports as its peers: any other peer came directly.
 * (recording-proxy.ts is the other kind: a man in the middle mjq is pointed at as "Discord".)
 */

export interface ProxiedConnection {
  kind: 'http' | 'connect' | 'socks';
  /** `host:port` of the target. */
  target: string;
  /** Absolute-form requests: method and path (`GET /api/v9/gateway`). */
  request?: string;
  /** The user of the Proxy-Authorization it came with. */
  user?: string;
  /** Absolute-form requests: their Authorization (a user token). */
  authorization?: string;
  /** The local port of the proxy's own connection to the target, once it is made. */
  upstreamPort?: number;
  /**
   * Tunnels (CONNECT, SOCKS) to a plain-HTTP target, as the sandbox is: the request line the
   * client sent first in it, and whether that request asked for a WebSocket upgrade.
   */
  tunnelled?: { request: string; websocket: boolean };
}

interface SocksInfo {
  dstAddr: string;
  dstPort: number;
}
interface SocksServer extends Server {
  useAuth(auth: unknown): void;
}
interface SocksModule {
  createServer(onConnection: (info: SocksInfo, accept: (intercept: true) => Socket, deny: () => void) => void): SocksServer;
  auth: { None(): unknown };
}

export class ForwardProxy {
  readonly connections: ProxiedConnection[] = [];
  private readonly sockets = new Set<Socket | Duplex>();
  private closed: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly scheme: 'http' | 'socks5',
    /** `user:password` every request must carry; none when undefined. */
    private readonly credentials?: string,
  ) {}

  /** An HTTP proxy (absolute-form and CONNECT) on a free loopback port, with basic auth when `credentials` are given. */
  static async startHttp(credentials?: string): Promise<ForwardProxy> {
    const proxy = new ForwardProxy(createServer(), 'http', credentials);
    // (socksv5's server emits 'connection' for its own requests: its client sockets are tracked on accept.)
    proxy.server.on('connection', (socket: Socket) => proxy.track(socket));
    proxy.server.on('request', (req, res) => proxy.forward(req, res));
    proxy.server.on('connect', (req, socket, head) => proxy.tunnel(req, socket, head));
    return proxy.listen();
  }

  /** A SOCKS5 proxy (no authentication) on a free loopback port. */
  static async startSocks(): Promise<ForwardProxy> {
    const socks = createRequire(import.meta.url)('socksv5') as SocksModule;
    let proxy: ForwardProxy | undefined;
    const server = socks.createServer((info, accept, deny) => proxy!.socks(info, accept, deny));
    server.useAuth(socks.auth.None());
    proxy = new ForwardProxy(server, 'socks5');
    return proxy.listen();
  }

  /** Kept from the listen: a proxy refusing new connections has no address any more. */
  port = 0;

  /** The proxy's URL, with credentials when it wants them. */
  get url(): string {
    return `${this.scheme}://${this.credentials ? `${this.credentials}@` : ''}127.0.0.1:${this.port}`;
  }

  /** The ports its connections to targets left from. */
  upstreamPorts(): Set<number> {
    return new Set(this.connections.flatMap((c) => (c.upstreamPort === undefined ? [] : [c.upstreamPort])));
  }

  /** Down for new connections (as a proxy being restarted); tunnels already open stay up. */
  refuseNew(): void {
    this.closed ??= new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async stop(): Promise<void> {
    this.refuseNew();
    for (const socket of this.sockets) socket.destroy();
    await this.closed;
  }

  private async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private track(socket: Socket | Duplex): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  /** The user of a valid Proxy-Authorization, '' without one; undefined when refused. */
  private authorize(req: IncomingMessage): string | undefined {
    const header = req.headers['proxy-authorization'];
    const given = typeof header === 'string' && header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : '';
    if (!this.credentials) return given.split(':')[0] ?? '';
    return given === this.credentials ? given.split(':')[0] : undefined;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const user = this.authorize(req);
    if (user === undefined) return void res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
    const url = new URL(req.url ?? '');
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const record: ProxiedConnection = { kind: 'http', target: url.host, request: `${req.method} ${url.pathname}${url.search}`, user, authorization };
    this.connections.push(record);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    // A connection of its own per request, so that every upstream port is recorded.
    const upstream = httpRequest(url, { method: req.method, headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('socket', (socket) => socket.once('connect', () => (record.upstreamPort = socket.localPort)));
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  }

  private tunnel(req: IncomingMessage, client: Duplex, head: Buffer): void {
    this.track(client);
    const user = this.authorize(req);
    if (user === undefined) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
    const record: ProxiedConnection = { kind: 'connect', target: req.url ?? '', user };
    this.connections.push(record);
    const [host, port] = splitHostPort(record.target);
    const upstream = connect(port, host, () => {
      record.upstreamPort = upstream.localPort;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) {
        sniff(record, head);
        upstream.write(head);
      } else client.once('data', (chunk: Buffer) => sniff(record, chunk));
      upstream.pipe(client).pipe(upstream);
    });
    this.track(upstream);
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  }

  private socks(info: SocksInfo, accept: (intercept: true) => Socket, deny: () => void): void {
    const record: ProxiedConnection = { kind: 'socks', target: `${info.dstAddr}:${info.dstPort}` };
    this.connections.push(record);
    const upstream = connect(info.dstPort, info.dstAddr, () => {
      record.upstreamPort = upstream.localPort;
      const client = accept(true);
      this.track(client);
      client.once('data', (chunk: Buffer) => sniff(record, chunk));
      upstream.pipe(client).pipe(upstream);
    });
    this.track(upstream);
    upstream.on('error', () => deny());
  }
}

/** The first bytes a client sent through a tunnel: an HTTP request head unless TLS (then nothing). */
function sniff(record: ProxiedConnection, chunk: Buffer): void {
  const text = chunk.toString('latin1');
  const request = /^([A-Z]+ \S+) HTTP\/1\.[01]\r\n/.exec(text)?.[1];
  if (request) record.tunnelled = { request, websocket: /\r\nupgrade:\s*websocket\r\n/i.test(text) };
}

function splitHostPort(target: string): [string, number] {
  const at = target.lastIndexOf(':');
  return [target.slice(0, at).replace(/^\[|\]$/g, ''), Number(target.slice(at + 1))];
}
