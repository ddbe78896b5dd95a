import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/index.js';
import { buttonPayload, commandPayload, findCommand, newNonce, postInteraction, RawGateway, withSandboxAndUser } from './helpers.js';

/** /settings as a driver sends it: the panel, then clicks on it (§3.3, §4.5; shapes from the peers). */
describe('simulated /settings', () => {
  let sandbox: Sandbox;
  let user: RawGateway;

  withSandboxAndUser((s, u) => {
    sandbox = s;
    user = u;
  });

  type Component = { type: number; custom_id?: string; label?: string; style?: number; options?: { value: string; default?: boolean }[] };
  const components = (d: { components: { components: Component[] }[] }) => d.components.flatMap((r) => r.components);
  const styleOf = (d: Parameters<typeof components>[0], label: string) => components(d).find((c) => c.label === label)?.style;

  async function openPanel() {
    const nonce = newNonce();
    expect((await postInteraction(sandbox, commandPayload(sandbox, await findCommand(sandbox, 'settings'), 'settings', [], { nonce }))).status).toBe(204);
    const placeholder = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(placeholder.d).toMatchObject({ flags: 192, interaction: { name: 'settings' } });
    return (await user.dispatch('MESSAGE_UPDATE', (d) => d.id === placeholder.d.id && d.components.length > 0)).d;
  }

  it('answers ephemerally, deferred, with the panel; a click updates it in place and changes the account', async () => {
    const panel = await openPanel();
    expect(panel.flags).toBe(64);
    expect(panel.nonce).toBeUndefined();
    expect([styleOf(panel, 'Remix mode'), styleOf(panel, 'Fast mode'), styleOf(panel, 'Relax mode')]).toEqual([2, 3, 2]);
    const relax = components(panel).find((c) => c.label === 'Relax mode')!.custom_id!;
    expect((await postInteraction(sandbox, { ...buttonPayload(sandbox, panel.id, relax), message_flags: 64 })).status).toBe(204);
    const updated = await user.dispatch('MESSAGE_UPDATE', (d) => d.id === panel.id && styleOf(d, 'Relax mode') === 3);
    expect(updated.d.interaction).toMatchObject({ name: 'settings' });
    expect(sandbox.state.snapshot().users?.find((u) => u.id === sandbox.userId)?.state.mode).toBe('relax');
  });

  it('the version selector takes one of its options; any other value is refused by Discord', async () => {
    const panel = await openPanel();
    const select = components(panel).find((c) => c.type === 3)!;
    expect(select.options!.find((o) => o.default)?.value).toBe('7');
    const pick = (values: string[]) => ({ ...buttonPayload(sandbox, panel.id, select.custom_id!), message_flags: 64, data: { component_type: 3, custom_id: select.custom_id, type: 3, values } });
    expect((await postInteraction(sandbox, pick(['99']))).status).toBe(400);
    expect((await postInteraction(sandbox, pick(['6.1']))).status).toBe(204);
    const updated = await user.dispatch('MESSAGE_UPDATE', (d) => d.id === panel.id && components(d).some((c) => c.options?.some((o) => o.value === '6.1' && o.default)));
    expect(updated.d.content).toContain('--v 6.1');
  });
});
