/**
 * The lab datacenter's read cost (issue 15): reading the whole cluster (Get-ClusterNode, Get-ClusterGroup,
 * Get-ClusterSharedVolume in one round trip on a node) and Get-VM on the three cluster nodes of contoso-datacenter
 * (30 VMs each: new-lab.ps1 -VMsPerNode 30), as ratios against Get-VM on one standalone lab host holding 30 VMs
 * (HV-C01's own state.json copied to a folder outside any datacenter: the same VMs, no world around them). Same
 * session layer (lab transport, warm sessions), same run, the reads alternating (the order flips every round).
 * `npm run bench -- lab-datacenter`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createHarness, prologue, repoRoot } from '../test/integration/sessions/session-harness';
import { median, report, timeIt } from './bench-util';

const WARM = 5;
const N = Number(process.env.BENCH_N ?? 30);
const VMS = 30;

const json = (expr: string) => `${prologue}ConvertTo-Json -Compress -Depth 4 -InputObject (${expr})\n`;
const fixtures = {
  'get-vm': json('@(Get-VM | ForEach-Object { [ordered]@{ id = $_.Id.ToString(); name = $_.Name; state = [string]$_.State; host = $_.ComputerName } })'),
  'get-cluster': json(
    "[ordered]@{ nodes = @(Get-ClusterNode | ForEach-Object { [ordered]@{ name = $_.Name; state = [string]$_.State } }); " +
      'groups = @(Get-ClusterGroup | ForEach-Object { [ordered]@{ name = $_.Name; owner = $_.OwnerNode.Name; state = [string]$_.State; type = [string]$_.GroupType } }); ' +
      'csvs = @(Get-ClusterSharedVolume | ForEach-Object { [ordered]@{ name = $_.Name; owner = $_.OwnerNode.Name; state = [string]$_.State } }) }',
  ),
};

const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;
const f1 = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const h = await createHarness({ fixtures });
  try {
    const root = join(h.dir, 'dc');
    const seedStarted = Date.now();
    const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', root, '-Scenario', 'contoso-datacenter', '-VMsPerNode', String(VMS)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const seedMs = Date.now() - seedStarted;
    const seeded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>;
    const nodes = seeded.filter((s) => /^HV-C0\d$/.test(s.name));
    if (nodes.length !== 3) throw new Error(`expected 3 cluster nodes, got ${nodes.map((n) => n.name).join(', ')}`);
    // The baseline: HV-C01's 30 VMs on a standalone host (no site.json beside its folder, so no datacenter).
    const alone = join(h.dir, 'standalone', 'HV-C01');
    mkdirSync(alone, { recursive: true });
    copyFileSync(join(nodes[0]!.stateDir, 'state.json'), join(alone, 'state.json'));

    const ids = new Map<string, string>();
    for (const n of nodes) ids.set(n.name, (await h.registry.add({ name: n.name, transport: 'lab', labStateDir: n.stateDir })).id);
    const aloneId = (await h.registry.add({ name: 'HV-C01 (standalone)', transport: 'lab', labStateDir: alone })).id;
    await Promise.all([...ids.values(), aloneId].map((id) => h.waitFor(id, 'ready', 120_000)));

    const count = async (id: string) => ((await h.registry.run(id, 'fixture/get-vm', {})) as unknown[]).length;
    for (const n of nodes) if ((await count(ids.get(n.name)!)) !== VMS) throw new Error(`${n.name} does not hold ${VMS} VMs`);
    if ((await count(aloneId)) !== VMS) throw new Error(`the standalone host does not hold ${VMS} VMs`);
    const c01 = ids.get('HV-C01')!;
    // The cluster cmdlets are measured once the FailoverClusters module simulates them; until then the row says so.
    let cluster: { nodes: unknown[]; groups: unknown[]; csvs: unknown[] } | string;
    try {
      cluster = (await h.registry.run(c01, 'fixture/get-cluster', {})) as { nodes: unknown[]; groups: unknown[]; csvs: unknown[] };
    } catch (err) {
      if (!/not simulated/i.test(String(err))) throw err;
      cluster = String((err as Error).message).replace(/^.*?: /, '');
    }

    const reads: Record<string, () => Promise<unknown>> = {
      alone: () => h.registry.run(aloneId, 'fixture/get-vm', {}),
      node: () => h.registry.run(c01, 'fixture/get-vm', {}),
      nodes3: () => Promise.all(nodes.map((n) => h.registry.run(ids.get(n.name)!, 'fixture/get-vm', {}))),
      ...(typeof cluster === 'string' ? {} : { cluster: () => h.registry.run(c01, 'fixture/get-cluster', {}) }),
    };
    const runs: Record<string, number[]> = { alone: [], node: [], nodes3: [], cluster: [] };
    const order = Object.keys(reads);
    for (let i = 0; i < WARM + N; i++) {
      for (const k of i % 2 === 0 ? order : [...order].reverse()) {
        const ms = await timeIt(reads[k]!);
        if (i >= WARM) runs[k]!.push(ms);
      }
    }
    const base = median(runs.alone!);
    const row = (label: string, k: string, trips: number) => `| ${label} | ${trips} | ${f1(median(runs[k]!))} | ${f1(p90(runs[k]!))} | ${(median(runs[k]!) / base).toFixed(2)}× |`;
    report(
      [
        '## Lab datacenter: cluster reads and a 3-node Get-VM against one standalone host (issue 15)',
        '',
        `contoso-datacenter seeded with \`-VMsPerNode ${VMS}\` (${f1(seedMs / 1000)} s for new-lab.ps1, domain seeders included): HV-C01..03 hold ${VMS} VMs each` +
          (typeof cluster === 'string' ? '. ' : `; the cluster read answers ${cluster.nodes.length} nodes, ${cluster.groups.length} groups, ${cluster.csvs.length} CSVs. `) +
          `Baseline: Get-VM on a standalone lab host with the same ${VMS} VMs (HV-C01's state outside any datacenter). Transport lab (local agent), warm sessions; ${N} rounds after ${WARM} warm-up, the reads alternating. Wall time is main's, from the call to the validated answer.`,
        '',
        '| read | round trips | median ms | p90 ms | × standalone Get-VM |',
        '|---|---|---|---|---|',
        row(`\`Get-VM\`, standalone host, ${VMS} VMs (baseline)`, 'alone', 1),
        row(`\`Get-VM\` on one cluster node (HV-C01, ${VMS} VMs)`, 'node', 1),
        row(`\`Get-VM\` on the 3 cluster nodes in parallel (${3 * VMS} VMs)`, 'nodes3', 3),
        typeof cluster === 'string'
          ? `| the whole cluster: \`Get-ClusterNode\`, \`Get-ClusterGroup\`, \`Get-ClusterSharedVolume\` (one script on HV-C01) | – | – | – | not measured: the lab answered "${cluster}" |`
          : row('the whole cluster: `Get-ClusterNode`, `Get-ClusterGroup`, `Get-ClusterSharedVolume` (one script on HV-C01)', 'cluster', 1),
        '',
        'A node\'s Get-VM differs from the standalone one by the datacenter around it (the world\'s journal check, the lab clock, due settlers); the 3-node row runs the hosts side by side, as the inventory reads hosts, on this machine\'s 2 cores.',
      ].join('\n'),
    );
  } finally {
    await h.dispose();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
