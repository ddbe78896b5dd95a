import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Button, Task } from '@mjq/common';
import { soloCustomId } from '../src/solo-buttons.js';
import { startHarness, triggerJob, type Harness } from './harness.js';

const h6 = '6f1b2c3d-aaaa-bbbb-cccc-123456789abc';
const v6Upscale: Button[] = [
  `MJ::JOB::upsample_v6_2x_subtle::1::${h6}::SOLO`,
  `MJ::JOB::low_variation::1::${h6}::SOLO`,
  `MJ::JOB::high_variation::1::${h6}::SOLO`,
  `MJ::Inpaint::1::${h6}::SOLO`,
  `MJ::Outpaint::50::1::${h6}::SOLO`,
  `MJ::Outpaint::75::1::${h6}::SOLO`,
  `MJ::CustomZoom::${h6}`,
  ...['left', 'right', 'up', 'down'].map((d) => `MJ::JOB::pan_${d}::1::${h6}::SOLO`),
].map((customId) => ({ customId }));
const v5Upscale: Button[] = [`MJ::JOB::variation::1::${h6}::SOLO`, `MJ::JOB::upsample_max::1::${h6}::SOLO`].map((customId) => ({ customId }));
const parent = (buttons: Button[]) => ({ id: '9', buttons }) as Task;

describe('soloCustomId', () => {
  it.each([
    [{ route: 'solo_variation' }, v6Upscale, `MJ::JOB::high_variation::1::${h6}::SOLO`],
    [{ route: 'solo_variation' }, v5Upscale, `MJ::JOB::variation::1::${h6}::SOLO`],
    [{ route: 'solo_low_variation' }, v6Upscale, `MJ::JOB::low_variation::1::${h6}::SOLO`],
    [{ route: 'solo_high_variation' }, v6Upscale, `MJ::JOB::high_variation::1::${h6}::SOLO`],
    [{ route: 'max_upscale' }, v5Upscale, `MJ::JOB::upsample_max::1::${h6}::SOLO`],
    [{ route: 'expand', direction: 'up' }, v6Upscale, `MJ::JOB::pan_up::1::${h6}::SOLO`],
    [{ route: 'zoomout', zoomout: 75 }, v6Upscale, `MJ::Outpaint::75::1::${h6}::SOLO`],
  ] as const)('%j', (button, buttons, customId) => expect(soloCustomId(parent(buttons), button)).toBe(customId));

  it('refuses a button the message does not have', () => {
    expect(() => soloCustomId(parent(v6Upscale), { route: 'max_upscale' })).toThrow(/no button for max_upscale/);
    expect(() => soloCustomId(parent(v5Upscale), { route: 'zoomout', zoomout: 50 })).toThrow(/INVALID_ACTION|no button/);
  });
});

describe('seed routes of an upscaled image, and release', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('solo');
  });
  afterAll(async () => {
    await h.close();
  });

  async function upscale(): Promise<Task & { messageId: string }> {
    const messageHash = randomUUID();
    const buttons = v6Upscale.map((b) => ({ customId: b.customId.replace(h6, messageHash) }));
    const messageId = String(1190000000000000000n + BigInt(Math.floor(Math.random() * 1e9)));
    return (await h.seedTask({ action: 'UPSCALE', messageId, messageHash, buttons, accountId: 'default' })) as Task & { messageId: string };
  }

  it('/expand and /zoomout click the matching button as a child of the upscale', async () => {
    const up = await upscale();
    const ref = { msg_id: up.messageId, msg_hash: up.messageHash };
    const res = await h.post('/v1/api/trigger/expand', { ...ref, direction: 'left' });
    expect(res.status).toBe(200);
    const { trigger_id, trigger_type } = (await res.json()) as { trigger_id: string; trigger_type: string };
    expect(trigger_type).toBe('expand');
    expect(await h.store.get(trigger_id)).toMatchObject({ action: 'ACTION', parentId: up.id, customId: `MJ::JOB::pan_left::1::${up.messageHash}::SOLO` });
    expect(await triggerJob(h, trigger_id)).toBeDefined();

    const zoom = (await (await h.post('/v1/api/trigger/zoomout', { ...ref, zoomout: 50 })).json()) as { trigger_id: string };
    expect((await h.store.get(zoom.trigger_id))?.customId).toBe(`MJ::Outpaint::50::1::${up.messageHash}::SOLO`);

    const before = await h.counts();
    for (const [path, body, code] of [
      ['/v1/api/trigger/zoomout', { ...ref, zoomout: 60 }, 'VALIDATION_ERROR'],
      ['/v1/api/trigger/expand', { ...ref, direction: 'sideways' }, 'VALIDATION_ERROR'],
      ['/v1/api/trigger/max_upscale', ref, 'INVALID_ACTION'],
    ] as const) {
      const answer = await h.post(path, body);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { code: string }).code).toBe(code);
    }
    expect(await h.counts()).toEqual(before);
  });

  it('/queue/release and /v1/tasks/{id}/cancel end a live task CANCEL, leave a finished one alone', async () => {
    const live = await h.seedTask({ status: 'NOT_START' });
    const res = await h.post('/v1/api/trigger/queue/release', { trigger_id: live.id });
    expect(res.status).toBe(200);
    expect(await h.store.get(live.id)).toMatchObject({ status: 'CANCEL', failCode: 'cancelled' });

    const done = await h.seedTask({ status: 'SUCCESS' });
    const cancel = await h.post(`/v1/tasks/${done.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as Task).status).toBe('SUCCESS');
    expect((await h.post('/v1/tasks/424242/cancel', {})).status).toBe(404);
    expect((await h.post('/v1/api/trigger/queue/release', { trigger_id: '424242' })).status).toBe(404);
  });
});
