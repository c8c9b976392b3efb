import { describe, expect, it } from 'vitest';
import { consoleHosts } from '../../../electron/main/features/console/console.feature';
import { consoleFrameScript, sendConsoleKeysScript } from '../../../electron/main/features/console/console.scripts';
import type { HostScripts } from '../../../electron/main/platform/scripts/script-runner';

const VM = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const frame = { VmId: VM, PreviousHash: '' };
const tick = () => new Promise((r) => setTimeout(r, 5));

/** Hosts whose calls stay in flight until the test settles them; records what started, in order. */
function heldHosts() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const hosts: Pick<HostScripts, 'on'> = {
    on: (hostId) => ({
      run: (def) =>
        new Promise((resolve, reject) => {
          const key = `${hostId}:${def.name}:${started.filter((s) => s.startsWith(`${hostId}:${def.name}`)).length}`;
          started.push(key);
          pending.set(key, { resolve: (v) => resolve({ value: v as never }), reject });
        }),
    }),
  };
  return { hosts, started, settle: (key: string, ok = true) => (ok ? pending.get(key)!.resolve({}) : pending.get(key)!.reject(new Error('boom'))) };
}

describe('console host gate', () => {
  it('runs frame polls one at a time per host (a failed one does not block the next), other hosts and other scripts in parallel', async () => {
    const h = heldHosts();
    const gated = consoleHosts(h.hosts);
    const a1 = gated.on('a').run(consoleFrameScript, frame);
    const a2 = gated.on('a').run(consoleFrameScript, frame);
    const a3 = gated.on('a').run(consoleFrameScript, frame);
    void gated.on('b').run(consoleFrameScript, frame);
    void gated.on('a').run(sendConsoleKeysScript, { VmId: VM, OpsJson: '[]' });
    await tick();
    expect([...h.started].sort()).toEqual(['a:console/get-console-frame:0', 'a:console/send-console-keys:0', 'b:console/get-console-frame:0']);
    h.settle('a:console/get-console-frame:0', false);
    await expect(a1).rejects.toThrow('boom');
    await tick();
    expect(h.started.filter((s) => s.startsWith('a:console/get-console-frame'))).toEqual(['a:console/get-console-frame:0', 'a:console/get-console-frame:1']);
    h.settle('a:console/get-console-frame:1');
    await a2;
    await tick();
    expect(h.started).toContain('a:console/get-console-frame:2');
    h.settle('a:console/get-console-frame:2');
    await a3;
  });
});
