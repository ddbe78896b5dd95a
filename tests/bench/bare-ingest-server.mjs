// The ingest baseline of tests/bench/ingest.bench.test.ts: the least a queueing API must do per
// POST /v1/api/trigger/imagine. Express 5, the same zod schema as mjq, one BullMQ queue.add on the
// same Redis, nothing else. A child process of its own, like the API it is compared with.
import express from 'express';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { imagineRequestSchema } from '@mjq/common';

const redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue('trigger', { connection: redis, prefix: `{${process.env.REDIS_PREFIX}}` });
const app = express();
app.use(express.json({ limit: '1mb', type: () => true }));
app.post('/v1/api/trigger/imagine', async (req, res) => {
  const parsed = imagineRequestSchema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ code: 'VALIDATION_ERROR' });
    return;
  }
  const job = await queue.add('imagine', parsed.data);
  res.json({ message: 'success', trigger_id: job.id, trigger_type: 'generate' });
});
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void queue.close().then(() => redis.quit()).then(() => process.exit(0));
});
