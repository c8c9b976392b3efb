/**
 * The host overview's cost (issue 13's figure): round trips and wall time of the page's read
 * (`hostOverview.get` → get-host-overview.ps1) as a ratio against `Get-VMHost` alone, same lab host, same session
 * layer, same run, calls alternating (who goes first swaps every round). For scale, the same figures read one
 * cmdlet per round trip (what the page would cost without its one script). `npm run bench -- host-overview`.
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHostOverviewModule } from '../electron/main/features/host-overview/host-overview.feature';
import type { CallContext, Handler } from '../electron/main/platform/ipc/handlers';
import { createHostScripts } from '../electron/main/platform/sessions/host-scripts';
import { systemClock } from '../electron/main/platform/time/clock';
import { createHarness, prologue, repoRoot } from '../test/integration/sessions/session-harness';
import { median, report, timeIt } from './bench-util';

const WARM = 5;
const N = Number(process.env.BENCH_N ?? 40);

const json = (expr: string) => `${prologue}ConvertTo-Json -Compress -Depth 3 -InputObject (${expr})\n`;
/** Get-VMHost alone (the baseline), and the page's sources one per round trip. */
const fixtures = {
  'get-vmhost': `${prologue}$h = Get-VMHost\nConvertTo-Json -Compress -InputObject ([ordered]@{ name = [string]$h.Name; logical = [int]$h.LogicalProcessorCount })\n`,
  'get-os': json("@(Get-CimInstance -ClassName Win32_OperatingSystem | ForEach-Object { [ordered]@{ caption = [string]$_.Caption; free = [long]$_.FreePhysicalMemory } })"),
  'get-cpu': json("@(Get-CimInstance -ClassName Win32_Processor | ForEach-Object { [ordered]@{ cores = [int]$_.NumberOfCores } })"),
  'get-volumes': json("@(Get-CimInstance -ClassName Win32_Volume -Filter 'DriveType = 3' | ForEach-Object { [ordered]@{ name = [string]$_.Name; free = [long]$_.FreeSpace } })"),
  'get-vms': json('@(Get-VM | ForEach-Object { [ordered]@{ id = $_.Id.ToString(); state = [string]$_.State } })'),
};

const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;
const f1 = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const h = await createHarness({ fixtures });
  try {
    symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'host-overview'), join(h.dir, 'resources', 'electron', 'main', 'features', 'host-overview'));
    const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const seeded = (JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>)[0]!;
    const hostId = (await h.registry.add({ name: seeded.name, transport: 'lab', labStateDir: seeded.stateDir })).id;
    await h.waitFor(hostId, 'ready', 120_000);
    let trips = 0;
    const hosts = createHostScripts(
      {
        runDetailed: (id, script, args, opts) => {
          trips++;
          return h.registry.runDetailed(id, script, args, opts);
        },
        list: () => h.registry.list(),
      },
      () => () => undefined,
    );
    const mod = createHostOverviewModule({ hosts, bus: { emitTo: () => undefined }, clock: systemClock, log: console });
    const ctx: CallContext = { signal: new AbortController().signal, clientId: 'bench' };
    const get = mod.handlers['hostOverview.get'] as Handler<'hostOverview.get'>;

    /** One measured call: wall time and the round trips it made. */
    const measure = async (fn: () => Promise<unknown>) => {
      const before = trips;
      const ms = await timeIt(fn);
      return { ms, trips: trips - before };
    };
    const overview = () =>
      measure(async () => {
        const v = await get({ hostId }, ctx);
        if (v.error) throw new Error(`host overview failed: ${v.error.message}`);
      });
    /** A fixture script, one round trip, counted like the feature's calls. */
    const fixture = (name: keyof typeof fixtures) => {
      trips++;
      return h.registry.run(hostId, `fixture/${name}`, {});
    };
    const vmHost = () => measure(() => fixture('get-vmhost'));
    const perCmdlet = () =>
      measure(async () => {
        for (const s of ['get-vmhost', 'get-os', 'get-cpu', 'get-volumes', 'get-vms'] as const) await fixture(s);
      });
    const runs = { overview: [] as { ms: number; trips: number }[], vmHost: [] as { ms: number; trips: number }[], perCmdlet: [] as { ms: number; trips: number }[] };
    const order: [keyof typeof runs, () => Promise<{ ms: number; trips: number }>][] = [
      ['vmHost', vmHost],
      ['overview', overview],
      ['perCmdlet', perCmdlet],
    ];
    for (let i = 0; i < WARM + N; i++) {
      const round = i % 2 === 0 ? order : [...order].reverse();
      for (const [name, fn] of round) {
        const m = await fn();
        if (i >= WARM) runs[name].push(m);
      }
    }
    const med = (k: keyof typeof runs) => median(runs[k].map((m) => m.ms));
    const q90 = (k: keyof typeof runs) => p90(runs[k].map((m) => m.ms));
    const rt = (k: keyof typeof runs) => median(runs[k].map((m) => m.trips));
    const base = med('vmHost');
    const row = (label: string, k: keyof typeof runs) => `| ${label} | ${rt(k)} | ${f1(med(k))} | ${f1(q90(k))} | ${(med(k) / base).toFixed(2)}× |`;
    report(
      [
        '## Host overview: round trips and wall time against Get-VMHost alone (issue 13)',
        '',
        `Lab host ${seeded.name} (small-shop: 4 VMs), transport lab (local agent), warm sessions; ${N} rounds after ${WARM} warm-up, the calls alternating. Wall time is main's, from the call to the validated answer.`,
        '',
        '| read | round trips | median ms | p90 ms | × Get-VMHost alone |',
        '|---|---|---|---|---|',
        row('`Get-VMHost` alone (fixture script)', 'vmHost'),
        row('host overview (`hostOverview.get` → get-host-overview.ps1)', 'overview'),
        row('the same figures, one cmdlet per round trip (Get-VMHost, 3 CIM classes, Get-VM)', 'perCmdlet'),
        '',
        'The overview adds Win32_OperatingSystem, Win32_Processor, Win32_Volume and Get-VM to Get-VMHost in the same round trip; on the lab the CIM classes are simulated (assets/lab/modules/Hyper-V/impl/host-perf.ps1), so a real host\'s WMI time is not in these figures.',
      ].join('\n'),
    );
    mod.dispose?.();
  } finally {
    await h.dispose();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
