/**
 * Session layer benchmark (issue 4): warm inventory call vs the floor (same script, already-open session, bare
 * pwsh loop) and vs one new PowerShell process per call; 16 hosts refreshed vs one; RSS with 16 hosts connected.
 * All against lab hosts over SSH on loopback (fleet scenario: 64 VMs per host).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setLogSink } from '../electron/main/app/logger';
import { systemClock } from '../electron/main/hosts/clock';
import { nodeFileOps } from '../electron/main/hosts/file-ops';
import { createHostServices } from '../electron/main/hosts/host-services';
import { MemorySecretStore } from '../electron/main/hosts/secret-store';
import { nodeSpawner } from '../electron/main/powershell/spawner';
import { startSshLabHosts } from '../test/support/lab-hosts/ssh-lab-hosts';
import { childrenOf, commOf, mb, median, report, rssOf, timeIt } from './bench-util';

const root = resolve(__dirname, '..');
const HOSTS = Number(process.env.BENCH_HOSTS ?? 16);
const N = Number(process.env.BENCH_ITERATIONS ?? 20);
const inventory = join(root, 'electron', 'main', 'features', 'hosts', 'scripts', 'get-vm-inventory.ps1');

async function main() {
  setLogSink(() => undefined);
  const lab = await startSshLabHosts({ count: HOSTS, scenario: 'fleet', repoRoot: root });
  const tmp = mkdtempSync(join(tmpdir(), 'hd-bench-'));
  try {
    const hostsJson = join(tmp, 'hosts.json');
    writeFileSync(hostsJson, JSON.stringify(lab.hosts.map((h) => ({ hostName: h.hostName, port: h.port, userName: h.userName, keyFilePath: h.keyFilePath, knownHostsFile: h.knownHostsFile }))));

    // Floor
    const floorRun = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(root, 'bench', 'floor.ps1'), '-HostsJson', hostsJson, '-ScriptPath', inventory, '-Iterations', String(N)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (floorRun.status !== 0) throw new Error(`floor failed: ${floorRun.stderr}`);
    const floor = JSON.parse(floorRun.stdout.trim().split('\n').pop()!) as { single: number[]; fanOut: number[] };

    // Baseline: one process per call
    const h0 = lab.hosts[0]!;
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) {
      baseline.push(
        await timeIt(
          () =>
            new Promise<void>((res, rej) => {
              const p = spawn('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(root, 'bench', 'process-per-call.ps1'), '-HostName', h0.hostName, '-Port', String(h0.port), '-UserName', h0.userName, '-KeyFilePath', h0.keyFilePath, '-KnownHosts', h0.knownHostsFile, '-ScriptPath', inventory], { stdio: ['ignore', 'ignore', 'inherit'] });
              p.on('exit', (c) => (c === 0 ? res() : rej(new Error(`baseline exit ${c}`))));
            }),
        ),
      );
    }

    // Ours
    const services = await createHostServices({
      dataDir: join(tmp, 'data'), resourcesDir: root, spawner: nodeSpawner, files: nodeFileOps, clock: systemClock, secrets: new MemorySecretStore(),
      events: { hostsChanged: () => undefined, hostState: () => undefined, ledgerAppended: () => undefined },
      log: { info: () => undefined, warn: () => undefined, error: (m) => console.error(m) }, seedLabOnFirstRun: false,
    });
    const reg = services.registry;
    const ids: string[] = [];
    for (const h of lab.hosts) {
      const v = await reg.add({ name: h.name, transport: 'ssh', address: h.hostName, port: h.port, userName: h.userName, keyFilePath: h.keyFilePath, sshOptions: { StrictHostKeyChecking: 'no', UserKnownHostsFile: h.knownHostsFile } });
      ids.push(v.id);
    }
    const connectStarted = Date.now();
    await Promise.all(ids.map((id) => reg.run(id, 'hosts/get-vm-inventory', {}, { timeoutMs: 120_000 })));
    const connectMs = Date.now() - connectStarted;
    const vmCount = ((await reg.run(ids[0]!, 'hosts/get-vm-inventory')) as { vms: unknown[] }).vms.length;
    for (let i = 0; i < 3; i++) await reg.run(ids[0]!, 'hosts/get-vm-inventory');
    const ours: number[] = [];
    for (let i = 0; i < N; i++) ours.push(await timeIt(() => reg.run(ids[0]!, 'hosts/get-vm-inventory')));
    const oursFan: number[] = [];
    for (let i = 0; i < 7; i++) oursFan.push(await timeIt(() => Promise.all(ids.map((id) => reg.run(id, 'hosts/get-vm-inventory')))));

    // Memory with all hosts connected: this process + agents + what the agents started (ssh clients).
    const agentPids = services.hub.pids();
    const descendants = (p: number): number[] => childrenOf(p).flatMap((c) => [c, ...descendants(c)]);
    // pwsh may be a launcher (dotnet tool shim → dotnet); ssh clients hang below it: count the whole tree.
    const local = agentPids.flatMap((p) => [p, ...descendants(p)]);
    const byComm = new Map<string, number>();
    for (const p of local) byComm.set(commOf(p), (byComm.get(commOf(p)) ?? 0) + rssOf(p));
    const mainRss = rssOf(process.pid);
    const pwshRss = local.filter((p) => commOf(p) !== 'ssh').reduce((a, p) => a + rssOf(p), 0);
    const allRss = mainRss + local.reduce((a, p) => a + rssOf(p), 0);
    await reg.dispose();

    const f1 = median(floor.single);
    const o1 = median(ours);
    const b1 = median(baseline);
    const fF = median(floor.fanOut);
    const oF = median(oursFan);
    const row = (name: string, v: string, target: string, ok: boolean) => `| ${name} | ${v} | ${target} | ${ok ? 'met' : 'NOT met'} |`;
    report(
      [
        `## Session layer (issue 4): ${HOSTS} SSH lab hosts, fleet scenario (${vmCount} VMs per host), inventory script`,
        '',
        `Medians: floor and ours over ${N} warm calls to one host; baseline over 5 calls; fan-out over 7 refreshes of all ${HOSTS} hosts. First connect + first refresh of all hosts: ${connectMs} ms.`,
        '',
        '| measure | value | target | |',
        '|---|---|---|---|',
        row('floor: warm call, bare pwsh loop (ms)', f1.toFixed(1), '', true),
        row('ours: warm call via sessions.run (ms)', o1.toFixed(1), '', true),
        row('ours / floor', (o1 / f1).toFixed(2) + '×', '≤ 1.3×', o1 / f1 <= 1.3),
        row('baseline: new pwsh process per call (ms)', b1.toFixed(0), '', true),
        row('baseline / ours', (b1 / o1).toFixed(1) + '×', '≥ 20×', b1 / o1 >= 20),
        row(`ours: ${HOSTS} hosts refreshed in parallel (ms)`, oF.toFixed(0), '', true),
        row(`ours: ${HOSTS} hosts / 1 host`, (oF / o1).toFixed(2) + '×', '≤ 2×', oF / o1 <= 2),
        row(`floor: ${HOSTS} hosts (Invoke-Command fan-out) / 1 host`, (fF / f1).toFixed(2) + '×', '(same machine limit)', true),
        row(`RSS main + local PowerShell + ssh clients, ${HOSTS} hosts connected (MB)`, mb(allRss), '≤ 400', allRss <= 400 * 2 ** 20),
        row('  of which main (Node) / PowerShell agents (MB)', `${mb(mainRss)} / ${mb(pwshRss)}`, '', true),
        row('  by process name (MB)', [...byComm].map(([k, v]) => `${k} ${mb(v)}`).join(', '), '', true),
      ].join('\n'),
    );
  } finally {
    await lab.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
