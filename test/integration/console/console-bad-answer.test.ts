import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, prologue, repoRoot, type Harness } from '../sessions/session-harness';
import { ConsoleService } from '../../../electron/main/features/console/console.service';
import { consoleHosts } from '../../../electron/main/features/console/console.feature';
import { createHostScripts } from '../../../electron/main/platform/sessions/host-scripts';
import { ConsoleHandoff } from '../../../electron/main/features/console/console-handoff';
import { toErrorShape } from '../../../electron/main/platform/ipc/dispatcher';
import { systemClock } from '../../../electron/main/platform/time/clock';

const VM = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let h: Harness;
let hostId = '';
beforeAll(async () => {
  h = await createHarness();
  // A host whose get-console-info answers JSON of the wrong shape (a script or module version mismatch).
  const dir = join(h.dir, 'resources', 'electron', 'main', 'features', 'console', 'scripts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'get-console-info.ps1'), `param([string]$VmId)\n${prologue}'{"found":true,"name":"DC1","enabledState":"two"}'\n`);
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'empty'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = (JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ stateDir: string }>)[0]!;
  hostId = (await h.registry.add({ name: 'Lab Bad', transport: 'lab', labStateDir: seeded.stateDir })).id;
  await h.waitFor(hostId, 'ready', 60_000);
}, 90_000);
afterAll(async () => h?.dispose());

describe('console.open against a host that answers the wrong shape', () => {
  it("is the host's PS_ERROR naming the script and the host, not the user's VALIDATION", async () => {
    const service = new ConsoleService({
      hosts: consoleHosts(createHostScripts(h.registry, () => () => undefined)),
      bus: { emitTo: () => undefined },
      clock: systemClock,
      handoff: new ConsoleHandoff({ platform: 'linux', findExecutable: () => null, spawnDetached: () => undefined }, () => null),
    });
    const shape = await service.open('client-1', hostId, VM).then(
      () => null,
      (err: unknown) => toErrorShape(err, undefined, quiet, 'console.open'),
    );
    await service.dispose();
    expect(shape).toMatchObject({ code: 'PS_ERROR', hostId });
    expect(shape!.message).toMatch(/^console\/get-console-info on Lab Bad returned unexpected data at enabledState: /);
  });
});
