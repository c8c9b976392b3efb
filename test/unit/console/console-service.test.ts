import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleService } from '../../../electron/main/features/console/console.service';
import { ConsoleHandoff, type HandoffSeams } from '../../../electron/main/features/console/console-handoff';
import { systemClock } from '../../../electron/main/platform/time/clock';
import type { PollerTiming } from '../../../electron/main/features/console/console-poller';
import type { HostScripts } from '../../../electron/main/platform/scripts/script-runner';
import { checkScriptAnswer, checkScriptParams } from '../../../electron/main/platform/scripts/script-answer';

const VM = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const fastTiming: PollerTiming = { visibleMinIntervalMs: 5, backgroundIntervalMs: 200, notRunningIntervalMs: 20, errorBackoffMs: [10], requestTimeoutMs: 1000 };

type FakeScript = (script: string, args: Record<string, unknown>) => Promise<unknown>;

/** Hosts over a fake machine, keeping the session layer's contract: params checked before, the answer validated after. */
function fakeHosts(answer: FakeScript): Pick<HostScripts, 'on'> {
  return {
    on: (hostId) => ({
      async run(def, params) {
        const args = checkScriptParams(def.name, params, def.params) as Record<string, unknown>;
        return { value: checkScriptAnswer(def.name, hostId, await answer(def.name, args), def.result) };
      },
    }),
  };
}

/** A fake host: a 3x2 screen whose first pixel is the number of key calls so far. */
function fakeHost(opts: { state?: string } = {}) {
  const calls: Array<{ script: string; args: Record<string, unknown> }> = [];
  let typed = 0;
  let state = opts.state ?? 'Running';
  const run: FakeScript = async (script, args) => {
    calls.push({ script, args });
    await new Promise((r) => setTimeout(r, 2));
    if (script === 'console/get-console-info') {
      return { found: true, name: 'DC1', enabledState: state === 'Running' ? 2 : 3, width: 3, height: 2, keyboard: true, unicode: false, layout: '00000409', mouse: false };
    }
    if (script === 'console/get-console-frame') {
      if (state !== 'Running') return { found: true, name: 'DC1', state, width: 0, height: 0, unchanged: false, hash: '', data: '' };
      const pixels = Buffer.alloc(3 * 2 * 2);
      pixels[0] = typed;
      const hash = `h${typed}`;
      if (hash === args.PreviousHash) return { found: true, name: 'DC1', state, width: 3, height: 2, unchanged: true, hash, data: '' };
      return { found: true, name: 'DC1', state, width: 3, height: 2, unchanged: false, hash, data: gzipSync(pixels).toString('base64'), encoding: 'gzip-base64' };
    }
    if (script === 'console/send-console-keys') {
      typed += 1;
      return { sent: (JSON.parse(String(args.OpsJson)) as unknown[]).length, notSent: [] };
    }
    if (script === 'console/start-console-vm') {
      state = 'Running';
      return { state: 'Running' };
    }
    throw new Error(`unexpected script ${script}`);
  };
  return { hosts: fakeHosts(run), calls, frameCalls: () => calls.filter((c) => c.script === 'console/get-console-frame').length };
}

function recorder() {
  const events: Array<{ to: string; name: string; payload: Record<string, unknown> }> = [];
  return { events, bus: { emitTo: (to: string, name: string, payload: unknown) => void events.push({ to, name, payload: payload as Record<string, unknown> }) } };
}

const noTools: HandoffSeams = { platform: 'linux', findExecutable: () => null, spawnDetached: () => undefined };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for a condition (real timers; generous deadline so a loaded machine only slows the test down). */
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await wait(2);
  }
}

let service: ConsoleService | null = null;
afterEach(async () => {
  await service?.dispose();
  service = null;
});

function makeService(hosts: Pick<HostScripts, 'on'>, seams: HandoffSeams = noTools) {
  const rec = recorder();
  service = new ConsoleService({ hosts, bus: rec.bus as never, clock: systemClock, handoff: new ConsoleHandoff(seams, () => null), timing: fastTiming });
  return { service, rec };
}

describe('ConsoleService', () => {
  it('streams frames only to the client that opened the console and skips identical frames', async () => {
    const host = fakeHost();
    const { service, rec } = makeService(host.hosts);
    const opened = await service.open('client-a', 'lab', VM);
    expect(opened).toMatchObject({ vmName: 'DC1', state: 'Running', width: 3, height: 2 });
    await until(() => host.frameCalls() > 4);
    const frames = rec.events.filter((e) => e.name === 'console.frame');
    expect(frames.length).toBe(1); // the screen did not change: one frame, the rest skipped by hash
    expect(frames[0]!.to).toBe('client-a');
    expect(frames[0]!.payload.bytes).toBeInstanceOf(Uint8Array);
    expect((frames[0]!.payload.bytes as Uint8Array).length).toBe(12);
    const stats = service.stats('client-a');
    expect(stats.streams[0]!.framesUnchanged).toBeGreaterThan(2);
    expect(service.stats('client-b').streams).toEqual([]);
  });

  it('types, then the next frame shows the change; another client cannot type into it', async () => {
    const host = fakeHost();
    const { service, rec } = makeService(host.hosts);
    const { streamId } = await service.open('client-a', 'lab', VM);
    await until(() => rec.events.some((e) => e.name === 'console.frame'));
    await expect(service.sendKeys('client-b', streamId, [{ kind: 'text', text: 'x' }], false)).rejects.toThrow(/closed/);
    const r = await service.sendKeys('client-a', streamId, [{ kind: 'text', text: 'hello' }, { kind: 'ctrlAltDel' }], false);
    expect(r.sent).toBe(2);
    await until(() => rec.events.filter((e) => e.name === 'console.frame').length >= 2);
    await wait(30); // and no third frame: the screen did not change again
    const frames = rec.events.filter((e) => e.name === 'console.frame');
    expect(frames.length).toBe(2);
    expect((frames[1]!.payload.bytes as Uint8Array)[0]).toBe(1);
    const keyCall = host.calls.find((c) => c.script === 'console/send-console-keys')!;
    expect(JSON.parse(String(keyCall.args.OpsJson))).toEqual([{ op: 'text', s: 'hello' }, { op: 'cad' }]);
  });

  it('stops requesting frames when hidden and after close', async () => {
    const host = fakeHost();
    const { service } = makeService(host.hosts);
    const { streamId } = await service.open('client-a', 'lab', VM);
    await until(() => host.frameCalls() > 1);
    service.setVisibility('client-a', streamId, 'hidden');
    await until(() => !service.stats('client-a').streams[0]!.polling);
    const whileHidden = host.frameCalls();
    await wait(60);
    expect(host.frameCalls()).toBe(whileHidden);
    expect(service.stats('client-a').streams[0]!.polling).toBe(false);
    service.setVisibility('client-a', streamId, 'visible');
    await until(() => host.frameCalls() > whileHidden);
    expect(await service.close('client-a', streamId)).toBe(true);
    const atClose = host.frameCalls();
    await wait(60);
    expect(host.frameCalls()).toBe(atClose);
    const stats = service.stats('client-a');
    expect(stats.streams[0]).toMatchObject({ streamId, polling: false });
    expect(stats.totalFrameRequests).toBe(atClose);
  });

  it('slows down in the background', async () => {
    const host = fakeHost();
    const { service } = makeService(host.hosts);
    const { streamId } = await service.open('client-a', 'lab', VM);
    service.setVisibility('client-a', streamId, 'background');
    await wait(30);
    const before = host.frameCalls();
    await wait(150);
    expect(host.frameCalls() - before).toBeLessThanOrEqual(1);
  });

  it('reports an Off VM plainly and starts it on request', async () => {
    const host = fakeHost({ state: 'Off' });
    const { service, rec } = makeService(host.hosts);
    const opened = await service.open('client-a', 'lab', VM);
    expect(opened.state).toBe('Off');
    await wait(40);
    expect(rec.events.some((e) => e.name === 'console.frame')).toBe(false);
    expect(await service.powerOn('client-a', opened.streamId)).toBe('Running');
    await until(() => rec.events.some((e) => e.name === 'console.frame'));
    const statuses = rec.events.filter((e) => e.name === 'console.status').map((e) => e.payload.state);
    expect(statuses).toContain('Running');
  });
});

describe('ConsoleHandoff', () => {
  const launched: Array<[string, string[]]> = [];
  const seams = (platform: NodeJS.Platform, tools: string[]): HandoffSeams => ({
    platform,
    findExecutable: (n) => (tools.includes(n) ? `/bin/${n}` : null),
    spawnDetached: (c, a) => void launched.push([c, a]),
  });

  it('offers VMConnect only on Windows and FreeRDP only when installed, never for the lab', () => {
    expect(new ConsoleHandoff(seams('linux', ['vmconnect.exe', 'xfreerdp']), () => 'hv1').availability('h')).toEqual({ vmconnect: false, freerdp: true });
    expect(new ConsoleHandoff(seams('win32', ['vmconnect.exe']), () => 'hv1').availability('h')).toEqual({ vmconnect: true, freerdp: false });
    expect(new ConsoleHandoff(seams('win32', ['vmconnect.exe', 'xfreerdp']), () => null).availability('lab')).toEqual({ vmconnect: false, freerdp: false });
  });

  it('launches with argument arrays: vmconnect <host> -G <id>, xfreerdp /v:<host> /vmconnect:<id>', () => {
    new ConsoleHandoff(seams('win32', ['vmconnect.exe']), () => 'hv1.corp').launch('vmconnect', 'h', VM);
    new ConsoleHandoff(seams('linux', ['xfreerdp']), () => 'hv1.corp').launch('freerdp', 'h', VM);
    expect(launched).toEqual([
      ['/bin/vmconnect.exe', ['hv1.corp', '-G', VM]],
      ['/bin/xfreerdp', ['/v:hv1.corp', `/vmconnect:${VM}`]],
    ]);
    expect(() => new ConsoleHandoff(seams('linux', []), () => 'hv1').launch('freerdp', 'h', VM)).toThrow(/not installed/);
  });
});
