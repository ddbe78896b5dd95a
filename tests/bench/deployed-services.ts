import { freePort } from '@mjq/common';
import { MjqClient } from '../support/mjq-client.js';
import { MjqProcess } from '../support/mjq-process.js';
import { sampleSum, scrape } from '../support/prometheus.js';

/**
 * mjq as deployed (compose): api, dispatcher and listener each an OS process of its own, from the
 * build output, on the given environment. The bench process keeps only what measures them.
 */
export class DeployedServices {
  apiUrl = '';
  /** mjq's REST API, as a user's program calls it. */
  client!: MjqClient;
  private readonly processes: MjqProcess[] = [];

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<this> {
    const apiPort = await freePort();
    this.apiUrl = `http://127.0.0.1:${apiPort}`;
    const env = { ...this.env, PORT: String(apiPort), PUBLIC_URL: this.apiUrl };
    // Listener first, so that no Midjourney message goes unseen; each worker's probes on a port of its own.
    for (const name of ['listener', 'dispatcher'] as const) {
      const metricsPort = await freePort();
      const worker = new MjqProcess(name, { ...env, METRICS_PORT: String(metricsPort) }, `http://127.0.0.1:${metricsPort}`).start();
      this.processes.push(worker);
      await worker.ready();
    }
    const api = new MjqProcess('api', env, this.apiUrl).start();
    this.processes.push(api);
    await api.ready();
    this.client = new MjqClient(this.apiUrl);
    return this;
  }

  /** CPU seconds each process has used so far (prom-client's process_cpu_seconds_total on its /metrics). */
  async cpuSeconds(): Promise<Record<string, number>> {
    const entries = await Promise.all(
      this.processes.map(async (p) => {
        const text = await scrape(p.probeUrl);
        if (!text.includes('\nmjq_process_cpu_seconds_total ')) throw new Error(`${p.name}: no process_cpu_seconds_total on /metrics`);
        return [p.name, sampleSum(text, 'mjq_process_cpu_seconds_total')] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async stop(): Promise<void> {
    for (const p of this.processes.reverse()) await p.stop();
  }
}

/** "listener 14.2 ms, …": each process's CPU between two readings of cpuSeconds(), per task. */
export function cpuPerTask(before: Record<string, number>, after: Record<string, number>, tasks: number): string {
  return Object.keys(after)
    .map((name) => `${name} ${(((after[name]! - before[name]!) * 1000) / tasks).toFixed(1)} ms`)
    .join(', ');
}
