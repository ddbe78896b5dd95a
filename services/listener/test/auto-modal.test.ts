import { describe, expect, it } from 'vitest';
import { autoSubmittable } from '../src/modal-opened.js';

// Which modals the listener answers by itself for a click made through the proxy API (autoModal):
// Remix modals only; Custom Zoom needs the client's zoom and Vary (Region) its mask.
describe('autoSubmittable', () => {
  it('submits a Remix modal of an autoModal task', () => {
    expect(autoSubmittable({ autoModal: true }, { customId: 'MJ::RemixModal::h::1::1' })).toBe(true);
    expect(autoSubmittable({ autoModal: true }, { customId: 'MJ::PanModal::left::h::1' })).toBe(true);
  });

  it('leaves Custom Zoom, Vary (Region) and every task of the /v1 API waiting', () => {
    expect(autoSubmittable({ autoModal: true }, { customId: 'MJ::OutpaintCustomZoomModal::h' })).toBe(false);
    expect(autoSubmittable({ autoModal: true }, { customId: 'MJ::iframe::token' })).toBe(false);
    expect(autoSubmittable({}, { customId: 'MJ::RemixModal::h::1::1' })).toBe(false);
    expect(autoSubmittable({ autoModal: false }, { customId: 'MJ::RemixModal::h::1::1' })).toBe(false);
  });
});
