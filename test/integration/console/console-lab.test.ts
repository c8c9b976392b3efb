import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffPixels, keepAlive, startConsoleLab, until, type ConsoleLab } from './console-harness';

let c: ConsoleLab;
let vmId = '';
beforeAll(async () => {
  c = await startConsoleLab();
  const { vms } = await c.service.listVms(c.hostId);
  vmId = vms.find((v) => v.name === 'LNX1' && v.state === 'Running')?.vmId ?? '';
}, 120_000);
afterAll(async () => c?.dispose());

describe('console against a lab host over SSH', () => {
  it('streams frames at the VM resolution, shows typed text, delivers Ctrl+Alt+Del, and stops polling on close', async () => {
    expect(vmId).not.toBe('');
    const opened = await c.service.open('client-1', c.hostId, vmId);
    expect(opened.state).toBe('Running');
    const stopKeepAlive = keepAlive(c.service, 'client-1', opened.streamId);
    expect(opened.width).toBeGreaterThan(0);

    const first = await until('a first frame', () => c.frames[0]);
    expect(first.width).toBe(opened.width);
    expect(first.height).toBe(opened.height);
    expect(first.bytes.length).toBe(opened.width * opened.height * 2);

    // Let the screen settle (boot text may still scroll), then type.
    await new Promise((r) => setTimeout(r, 1500));
    const before = c.frames[c.frames.length - 1]!;
    const sent = await c.service.sendKeys('client-1', opened.streamId, [{ kind: 'text', text: 'hello' }], false);
    expect(sent).toMatchObject({ sent: 1, notSent: [] });
    const after = await until('a frame after typing', () => c.frames.find((f) => f.seq > before.seq && diffPixels(f.bytes, before.bytes) > 0));
    // "hello" in the lab's bitmap font: five glyphs worth of pixels changed, not the whole screen.
    const changed = diffPixels(after.bytes, before.bytes);
    expect(changed).toBeGreaterThan(20);
    expect(changed).toBeLessThan((opened.width * opened.height) / 4);

    // Ctrl+Alt+Del reaches the guest: the lab's Linux console drops the typed line, so the picture changes again.
    const beforeCad = c.frames[c.frames.length - 1]!;
    const cad = await c.service.sendKeys('client-1', opened.streamId, [{ kind: 'ctrlAltDel' }], false);
    expect(cad.sent).toBe(1);
    await until('a frame after Ctrl+Alt+Del', () => c.frames.find((f) => f.seq > beforeCad.seq && diffPixels(f.bytes, beforeCad.bytes) > 0));

    expect(opened.mouse.available).toBe(true);
    expect(await c.service.mouse('client-1', opened.streamId, { x: 10, y: 10, action: 'click', button: 1 })).toEqual({ done: true });

    const stats = c.service.stats('client-1').streams[0]!;
    expect(stats.framesUnchanged + stats.framesSent).toBeGreaterThan(3);
    stopKeepAlive();
    await c.service.close('client-1', opened.streamId);
    const atClose = c.service.stats('client-1').totalFrameRequests;
    await new Promise((r) => setTimeout(r, 800));
    expect(c.service.stats('client-1').totalFrameRequests).toBe(atClose);
    // Successful frame polls stay out of the ledger (only failures are recorded).
    expect(c.h.ledger.list({ script: 'console/get-console-frame', outcome: 'ok', limit: 10_000 })).toEqual([]);
  }, 120_000);
});
