import type { RequestHandler, Response } from 'express';
import { AppError, isStreamId, isTerminal, taskEventName, type Task, type TaskEvent } from '@mjq/common';
import { expressAuthentication } from './authentication.js';
import { ownsCallback, type Caller } from './caller.js';
import { requestContext, type ApiContext } from './context.js';
import { assertRedisReady } from './storage-guard.js';
import { visibleTask } from './task-lookup.js';

/** Proxies close idle connections after ~30–60 s; a comment line every 15 s keeps the stream open. */
export const SSE_HEARTBEAT_MS = 15_000;

function writeEvent(res: Response, name: string, task: Task, id?: string): void {
  res.write(`${id ? `id: ${id}\n` : ''}event: ${name}\ndata: ${JSON.stringify(task)}\n\n`);
}

/** The task as this watcher may see it: the callback URL only for its owner. */
function forWatcher(caller: Caller): (task: Task) => Task {
  return (task) => {
    if (!task.callbackUrl || ownsCallback(caller, task)) return task;
    const { callbackUrl: _hidden, ...rest } = task;
    return rest;
  };
}

/**
 * GET /v1/tasks/{id}/events — Server-Sent Events (a plain express route: tsoa has no streaming
 * responses; the OpenAPI entry comes from tsoa.json). Sends every recorded change of the task
 * after `Last-Event-ID` (or from its creation), then each new one as it is applied, and closes
 * after the terminal event. Event ids are the task's event-stream ids, so a reconnecting
 * EventSource resumes exactly where it stopped, on any API replica.
 */
export function taskEventsRoute(ctx: ApiContext, heartbeatMs = SSE_HEARTBEAT_MS): RequestHandler {
  return async (req, res, next) => {
    try {
      // Same API-key rule as the tsoa routes (this one is outside tsoa).
      const caller = await expressAuthentication(req, 'api');
      const call = requestContext(ctx, req, caller);
      const id = String(req.params.id);
      if (!/^\d{1,25}$/.test(id)) throw new AppError('NOT_FOUND', `No task ${id}`);
      assertRedisReady(ctx);
      const task = await visibleTask(call, id);
      if (!task) throw new AppError('NOT_FOUND', `No task ${id}`);
      const resumeFrom = req.get('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
      const cursor = resumeFrom && isStreamId(resumeFrom) ? resumeFrom : '0-0';
      const history = await ctx.taskEventLog.read(id, cursor);
      const show = forWatcher(caller);
      stream(ctx, res, { id, task, cursor, history, heartbeatMs, resumed: cursor !== '0-0', show });
    } catch (err) {
      next(err);
    }
  };
}

interface StreamStart {
  id: string;
  task: Task;
  cursor: string;
  history: TaskEvent[];
  heartbeatMs: number;
  resumed: boolean;
  show: (task: Task) => Task;
}

function stream(ctx: ApiContext, res: Response, start: StreamStart): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx buffers responses by default, which would hold events back.
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  let done = false;
  let unwatch = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  const finish = () => {
    if (done) return;
    done = true;
    clearInterval(heartbeat);
    unwatch();
    res.end();
  };
  const send = (events: TaskEvent[]) => {
    for (const e of events) {
      if (done) return;
      writeEvent(res, e.name, start.show(e.task), e.id);
      if (isTerminal(e.task.status)) finish();
    }
  };
  send(start.history);
  if (done) return;
  if (isTerminal(start.task.status)) {
    // Terminal, but its history is gone (expired, or the task predates event streams) or was
    // already seen (resumed after the end): show the final state unless the client has it.
    if (!start.history.length && !start.resumed) writeEvent(res, taskEventName(start.task), start.show(start.task));
    return finish();
  }
  const cursor = start.history.at(-1)?.id ?? start.cursor;
  unwatch = ctx.taskEvents.watch(start.id, cursor, { onEvents: send, onClose: finish });
  heartbeat = setInterval(() => res.write(': heartbeat\n\n'), start.heartbeatMs);
  res.on('close', finish);
}
