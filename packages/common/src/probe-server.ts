import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { renderMetrics } from './metrics.js';
import type { Readiness } from './readiness.js';
import type { Stoppable } from './run.js';

export interface ProbeServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The small HTTP port of a worker process (dispatcher, listener): `/metrics` for Prometheus,
 * `/healthz` (the process answers) and `/readyz` (503 until its dependencies are usable) for
 * orchestrators. The api serves the same paths on its own port.
 */
export async function startProbeServer(options: { host: string; port: number; readiness: () => Promise<Readiness>; log: Logger }): Promise<ProbeServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = (status: number, type: string, body: string) => res.writeHead(status, { 'content-type': type }).end(body);
    const json = (status: number, body: object) => answer(status, 'application/json', JSON.stringify(body));
    if (req.method !== 'GET') return json(405, { code: 'METHOD_NOT_ALLOWED' });
    if (path === '/healthz') return json(200, { status: 'ok' });
    if (path === '/readyz') {
      return void options.readiness().then(
        (r) => json(r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'unavailable', ...r.checks }),
        () => json(503, { status: 'unavailable' }),
      );
    }
    if (path === '/metrics') {
      return void renderMetrics().then(
        (m) => answer(200, m.contentType, m.body),
        (err: unknown) => {
          options.log.warn({ err }, 'metrics could not be rendered');
          json(500, { code: 'INTERNAL' });
        },
      );
    }
    json(404, { code: 'NOT_FOUND' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  options.log.info({ port }, 'metrics and health probes listening');
  return { port, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

/** A worker service as its main.ts sees it. */
export interface ProbedService {
  ready(): Promise<Readiness>;
  stop(): Promise<void>;
}

/**
 * Serves a worker service's probes on METRICS_PORT for as long as it runs. Once stopping,
 * /readyz answers 503 at once (the service is handing its work back) while /metrics and
 * /healthz still answer, until the service has stopped.
 */
export async function serveProbes(name: string, config: Config, service: ProbedService): Promise<Stoppable & { port: number }> {
  const log = createLogger(name, config.logLevel);
  let stopping = false;
  const readiness = async (): Promise<Readiness> => (stopping ? { ready: false, checks: { running: false } } : service.ready());
  let probes: ProbeServer;
  try {
    probes = await startProbeServer({ host: config.http.host, port: config.metricsPort, readiness, log });
  } catch (err) {
    await service.stop();
    throw err;
  }
  return {
    port: probes.port,
    stopTimeoutMs: config.shutdownTimeoutMs,
    async stop() {
      stopping = true;
      await service.stop();
      await probes.close();
    },
  };
}
