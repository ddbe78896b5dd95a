import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { isTerminal, type Task } from './task.js';

/**
 * Every mjq metric, in one registry per process: when the whole stack runs in one process its
 * services share it, and one `/metrics` shows them all. Counters count what this process did;
 * Prometheus sums them over replicas. Gauges read from Redis at scrape time (queue depth, slots)
 * show the cluster's value from every process that reports them: aggregate those with max()
 * (they are defined with their collectors in metric-sources.ts).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'mjq_' });

export const registers = [metricsRegistry];

export const metrics = {
  tasksSubmitted: new Counter({
    name: 'mjq_tasks_submitted_total',
    help: 'Tasks accepted by the API, by action',
    labelNames: ['action'] as const,
    registers,
  }),
  /**
   * Counted by the one process whose change made the task terminal (see countTerminal): a
   * change is applied once in the cluster, whoever offered it.
   */
  tasksFinished: new Counter({
    name: 'mjq_tasks_finished_total',
    help: 'Tasks that reached a terminal status (SUCCESS, FAILURE, CANCEL), by action and status',
    labelNames: ['action', 'status'] as const,
    registers,
  }),
  taskDuration: new Histogram({
    name: 'mjq_task_duration_seconds',
    help: 'Time from submit to terminal status, by action and status',
    labelNames: ['action', 'status'] as const,
    // Midjourney jobs take from seconds (fast, instant sandbox) to many minutes (relax, queues).
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600],
    registers,
  }),
  discordRequests: new Counter({
    name: 'mjq_discord_requests_total',
    help: 'Requests to Discord (and its upload storage) by method, route template and HTTP status (error: no answer)',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  }),
  discordRateLimited: new Counter({
    name: 'mjq_discord_rate_limited_total',
    help: 'Answers 429 from Discord, by route template and scope (global or route)',
    labelNames: ['route', 'scope'] as const,
    registers,
  }),
  discordEdgeBlocks: new Counter({
    name: 'mjq_discord_edge_blocks_total',
    help: "Sends refused by Discord's edge (403 that is not Discord's JSON, e.g. error code: 1010), by account",
    labelNames: ['account'] as const,
    registers,
  }),
  gatewayReconnects: new Counter({
    name: 'mjq_gateway_reconnects_total',
    help: 'Gateway reconnects by view (account: user sessions, bot: discord.js) and whether a RESUME was attempted',
    labelNames: ['view', 'resume'] as const,
    registers,
  }),
  gatewayResumes: new Counter({
    name: 'mjq_gateway_resumes_total',
    help: 'Gateway sessions resumed (RESUMED), by view',
    labelNames: ['view'] as const,
    registers,
  }),
  callbackDeliveries: new Counter({
    name: 'mjq_callback_deliveries_total',
    help: 'Callback delivery attempts by outcome: delivered, failed (will retry), given_up, refused (SSRF guard), coalesced',
    labelNames: ['outcome'] as const,
    registers,
  }),
  unmatchedMessages: new Counter({
    name: 'mjq_unmatched_messages_total',
    help: 'Midjourney messages that matched no task',
    registers,
  }),
  redisCommandErrors: new Counter({
    name: 'mjq_redis_command_errors_total',
    help: 'Redis commands that failed (connection closed, timeout, error reply), by command',
    labelNames: ['command'] as const,
    registers,
  }),
  redisConnectionErrors: new Counter({
    name: 'mjq_redis_connection_errors_total',
    help: 'Errors on Redis connections (refused, reset, unreachable)',
    registers,
  }),
};

/** Records a change that made a task terminal: its count and its time from submit. */
export function countTerminal(task: Pick<Task, 'action' | 'status' | 'submitTime' | 'finishTime'>, now = Date.now()): void {
  if (!isTerminal(task.status)) return;
  const labels = { action: task.action, status: task.status };
  metrics.tasksFinished.inc(labels);
  metrics.taskDuration.observe(labels, Math.max(0, ((task.finishTime ?? now) - task.submitTime) / 1000));
}

/** The text exposition of every metric, with its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
