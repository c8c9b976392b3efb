import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { processSourceRunner } from '../../../electron/main/features/p2v/p2v-runners';
import { copyDisk2vhdScript } from '../../../electron/main/features/p2v/p2v.scripts';
import type { SpawnedProcess, Spawner } from '../../../electron/main/platform/powershell/spawner';

/** A child whose stdin breaks the way a killed process's pipe does: the write fails with EPIPE. */
function brokenPipeChild(): SpawnedProcess & { killed: boolean } {
  const exits: Array<(code: number | null, signal: string | null) => void> = [];
  const child = {
    pid: 4242,
    killed: false,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new Writable({
      write(_chunk, _enc, done) {
        // The write is still in flight when the process dies under it.
        setTimeout(() => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })), 20);
      },
    }),
    kill() {
      child.killed = true;
      setTimeout(() => exits.forEach((l) => l(null, 'SIGKILL')), 5);
    },
    onExit(l: (code: number | null, signal: string | null) => void) {
      exits.push(l);
    },
  };
  return child;
}

describe('process source runner', () => {
  it('a call cancelled while its request is being written fails CANCELLED, and the broken pipe is not an uncaught error', async () => {
    const child = brokenPipeChild();
    const spawn: Spawner = () => child;
    const ledger: unknown[] = [];
    const call = processSourceRunner({ pwsh: 'pwsh', resourcesDir: '/r', spawn, appendLedger: (e) => ledger.push(e) }, { ledgerHostId: 'src', where: 'the source', env: {}, labEnter: null });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const ac = new AbortController();
      const p = call.run(copyDisk2vhdScript, { CopyId: 'a'.repeat(32), Action: 'append', Data: 'x'.repeat(1_000_000) }, { signal: ac.signal, ledgerParams: { Data: '<not recorded>' } });
      setTimeout(() => ac.abort(), 1);
      await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
      await new Promise((r) => setTimeout(r, 60)); // past the failed write
      expect(child.killed).toBe(true);
      expect(uncaught).toEqual([]);
      expect(ledger).toHaveLength(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
