import { describe, expect, it } from 'vitest';
import type { Task } from '@mjq/common';
import type { DiscordMessage } from '@mjq/discord';
import type { MessagePipeline } from '../src/message-pipeline.js';
import { Harness, ImageServer, mjMessage, USER, withPipelineHarness } from './fixtures.js';

/**
 * Today's Midjourney messages (protocol §4.8, real v7 capture of 2026-06): an acknowledgement before
 * the job's messages, a Cancel Job button naming the job id from the first message on, pan/zoom
 * waiting messages worded exactly like an imagine's, and results replying to the clicked message.
 * As the bot's view sees them here: no nonce, no interaction ids — only the reply and the job id.
 */
const H = '5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';
let h: Harness;
let cdn: ImageServer;
let pipeline: MessagePipeline;
let seq = 0;

withPipelineHarness('v7-messages', (harness, server, messages) => {
  h = harness;
  cdn = server;
  pipeline = messages;
});

const id = () => String(1400000000000000000n + BigInt(++seq));
const jobId = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

/** A finished task whose result message (returned) carries the buttons clicked. */
async function finishedParent(): Promise<{ parent: Task; message: string }> {
  const message = id();
  const parent = await h.task({ status: 'SUCCESS', progress: 100, messageId: message, finishTime: Date.now() });
  return { parent, message };
}

const reply = (to: string): Partial<DiscordMessage> => ({ type: 19, message_reference: { message_id: to } });
const cancel = (job: string): Partial<DiscordMessage> => ({
  components: [{ type: 1, components: [{ type: 2, style: 4, label: 'Cancel Job', custom_id: `MJ::CancelJob::ByJobid::${job}` }] }],
});
const image = (name: string) => ({ attachments: [{ id: id(), filename: name, url: cdn.url(`img/${name}`) }] });
const gridButtons = (job: string): Partial<DiscordMessage> => ({
  components: [{ type: 1, components: [1, 2, 3, 4].map((n) => ({ type: 2, style: 2, label: `U${n}`, custom_id: `MJ::JOB::upsample::${n}::${job}` })) }],
});
const website = (job: string) => `[(Open on website for full quality)](<https://midjourney.com/jobs/${job}>)`;

async function push(message: DiscordMessage, kind: 'create' | 'update' = 'create'): Promise<void> {
  await pipeline.push({ kind, message });
}

describe("today's Midjourney messages", () => {
  it('an upscale acknowledgement starts its task, and only the result with its job id finishes it', async () => {
    const { parent, message: grid } = await finishedParent();
    const prompt = `**<#${parent.id}#>a red fox**`;
    const [u1, u2] = [
      await h.child(parent, grid, { action: 'UPSCALE', index: 1, customId: `MJ::JOB::upsample::1::${H}` }),
      await h.child(parent, grid, { action: 'UPSCALE', index: 2, customId: `MJ::JOB::upsample::2::${H}` }),
    ] as [Task, Task];
    const [j1, j2] = [jobId(), jobId()];
    const [ack1, ack2, result1, result2] = [id(), id(), id(), id()];
    const ack = (n: number, job: string, msg: string) =>
      mjMessage(msg, `Upscaling image #${n} with ${prompt} - ${USER} (Waiting to start)`, { ...reply(grid), ...cancel(job) });

    await push(ack(2, j2, ack2));
    await push(ack(1, j1, ack1));
    // Acknowledged, not done: IN_PROGRESS with the job id the result will carry.
    expect(await h.store.get(u2.id)).toMatchObject({ status: 'IN_PROGRESS', progress: 0, messageId: ack2, messageHash: j2 });
    expect(await h.store.get(u1.id)).toMatchObject({ status: 'IN_PROGRESS', progress: 0, messageId: ack1, messageHash: j1 });

    // Results in the other order, both "spoken for" already: only their job ids tell them apart.
    await push(mjMessage(result1, `${prompt} - Image #1 ${USER}`, { ...reply(grid), ...image(`driver_a_red_fox_${j1}.png`) }));
    await push(mjMessage(result2, `${prompt} - Image #2 ${USER}`, { ...reply(grid), ...image(`driver_a_red_fox_${j2}.png`) }));
    for (const [task, result, job] of [[u1, result1, j1], [u2, result2, j2]] as const) {
      expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', messageId: result, messageHash: job });
      expect(await h.callbacksOf(task.id)).toEqual(['start:0', 'end:100']);
    }
    expect(await h.callbacksOf(parent.id)).toEqual([]);
  });

  it("a zoom whose waiting message reads like an imagine's lands on the zoom, not on a live imagine", async () => {
    const { parent, message: upscaled } = await finishedParent();
    const zoom = await h.child(parent, upscaled, { action: 'ACTION', customId: `MJ::Outpaint::50::1::${H}::SOLO` });
    // A live imagine of the same words, whose own waiting message is word for word the zoom's.
    const nonce = id();
    const imagine = await h.task({ prompt: 'a red fox' });
    await h.store.linkNonce(nonce, imagine.id);
    const [imagineWaiting, waiting, result] = [id(), id(), id()];
    const job = jobId();
    const text = `**a red fox** - ${USER}`;

    await push(mjMessage(imagineWaiting, `${text} (Waiting to start)`, { nonce }));
    await push(mjMessage(waiting, `${text} (Waiting to start)`, { ...reply(upscaled), ...cancel(job) }));
    expect(await h.store.get(zoom.id)).toMatchObject({ status: 'IN_PROGRESS', messageId: waiting, messageHash: job });
    expect(await h.store.get(imagine.id)).toMatchObject({ status: 'IN_PROGRESS', messageId: imagineWaiting });
    expect((await h.store.get(imagine.id))?.messageHash).toBeUndefined();

    await push(mjMessage(waiting, `**a red fox** - Zoom Out by ${USER} (35%) (fast)`, { ...reply(upscaled), ...cancel(job), ...image(`${job}_grid_0.webp`) }), 'update');
    await push(
      mjMessage(result, `**a red fox** - Zoom Out by ${USER} ${website(job)} (fast)`, { ...reply(upscaled), ...gridButtons(job), ...image(`driver_a_red_fox_${job}.webp`) }),
    );
    expect(await h.store.get(zoom.id)).toMatchObject({ status: 'SUCCESS', messageId: result, messageHash: job });
    expect(await h.callbacksOf(zoom.id)).toEqual(['start:0', 'generating:35', 'end:100']);
    expect(await h.store.get(imagine.id)).toMatchObject({ status: 'IN_PROGRESS', progress: 0 });
  });

  it('two zooms of one image with identical messages each get their own progress and result', async () => {
    const { parent, message: upscaled } = await finishedParent();
    const customId = `MJ::Outpaint::50::1::${H}::SOLO`;
    const zooms = [await h.child(parent, upscaled, { action: 'ACTION', customId }), await h.child(parent, upscaled, { action: 'ACTION', customId })];
    const jobs = [jobId(), jobId()];
    const waiting = [id(), id()];
    const results = [id(), id()];
    const text = `**<#${parent.id}#>a red fox** - `;
    const progress = (i: number, pct: number) =>
      mjMessage(waiting[i]!, `${text}Zoom Out by ${USER} (${pct}%) (fast)`, { ...reply(upscaled), ...cancel(jobs[i]!), ...image(`${jobs[i]}_grid_0.webp`) });
    const done = (i: number) =>
      mjMessage(results[i]!, `${text}Zoom Out by ${USER} ${website(jobs[i]!)} (fast)`, { ...reply(upscaled), ...gridButtons(jobs[i]!), ...image(`zoom_${jobs[i]}.webp`) });

    for (const i of [0, 1]) await push(mjMessage(waiting[i]!, `${text}${USER} (Waiting to start)`, { ...reply(upscaled), ...cancel(jobs[i]!) }));
    await push(progress(1, 31), 'update');
    await push(progress(0, 62), 'update');
    await push(done(1));
    await push(done(0));

    for (const i of [0, 1]) {
      expect(await h.store.get(zooms[i]!.id)).toMatchObject({ status: 'SUCCESS', messageId: results[i], messageHash: jobs[i], imageUrl: expect.stringContaining(`zoom_${jobs[i]}.webp`) });
    }
    expect(await h.callbacksOf(zooms[0]!.id)).toEqual(['start:0', 'generating:62', 'end:100']);
    expect(await h.callbacksOf(zooms[1]!.id)).toEqual(['start:0', 'generating:31', 'end:100']);
  });

  it("a rating's reply is the whole answer to a ❤️ click: its task ends there, an upscale child is left alone", async () => {
    const { parent, message: upscaled } = await finishedParent();
    const zoom = await h.child(parent, upscaled, { action: 'ACTION', customId: `MJ::Outpaint::50::1::${H}::SOLO` });
    const bookmark = await h.child(parent, upscaled, { action: 'ACTION', customId: `MJ::BOOKMARK::${H}` });
    const rated = id();
    await push(mjMessage(rated, `You have successfully rated [this job](https://discord.com/channels/1/2/${upscaled}) with 😍`, reply(upscaled)));
    expect(await h.store.get(bookmark.id)).toMatchObject({ status: 'SUCCESS', messageId: rated });
    expect(await h.store.get(zoom.id)).toMatchObject({ status: 'SUBMITTED' });
  });

  it('a result replying to its own progress message finishes that task (v7 grid capture)', async () => {
    // No marker to go by (a blend, a describe pick): the nonce names the waiting message only.
    const task = await h.task({ prompt: '<https://s.mj.run/a> <https://s.mj.run/b> --ar 1:1' });
    const nonce = id();
    await h.store.linkNonce(nonce, task.id);
    const [progress, result] = [id(), id()];
    const job = jobId();
    const text = `**<https://s.mj.run/a> <https://s.mj.run/b> --ar 1:1** - ${USER}`;
    await push(mjMessage(progress, `${text} (Waiting to start)`, { nonce }));
    await push(mjMessage(result, `${text} ${website(job)} (fast)`, { ...reply(progress), ...gridButtons(job), ...image(`driver_blend_${job}.webp`) }));
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', messageId: result, messageHash: job });
  });
});
