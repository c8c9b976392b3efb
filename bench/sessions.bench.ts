/**
 * Session layer benchmark (issue 4), against lab hosts over SSH on loopback (fleet scenario: 64 VMs per host).
 * Floor (bench/floor.ps1: a bare pwsh holding open sessions, Invoke-Command, its own Stopwatch) and ours
 * (registry.run from this process, so ours also pays IPC and JSON parsing) run the same inventory script on the
 * same host, with the same warm-up, alternating call by call (1 host, 1 host, all hosts, all hosts; who goes
 * first swaps every round). Baseline (one new pwsh per call) alternates with ours too.
 * BENCH_HOSTS_JSON=<file> reuses running lab hosts (development only; [{hostName,port,userName,keyFilePath,knownHostsFile}]).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setLogSink } from '../electron/main/app/logger';
import { systemClock } from '../electron/main/platform/time/clock';
import { nodeFileOps } from '../electron/main/platform/sessions/file-ops';
import { createHostServices } from '../electron/main/platform/sessions/host-services';
import { MemorySecretStore } from '../electron/main/platform/sessions/secret-store';
import { nodeSpawner } from '../electron/main/platform/powershell/spawner';
import type { HostStatus } from '../shared/features/hosts/hosts.contract';
import { startSshLabHosts } from '../test/support/lab-hosts/ssh-lab-hosts';
import { childrenOf, commOf, mb, median, report, rssOf, timeIt } from './bench-util';
import { FloorServer } from './sessions-floor';

const root = resolve(__dirname, '..');
const HOSTS = Number(process.env.BENCH_HOSTS ?? 16);
const N = Number(process.env.BENCH_ITERATIONS ?? 20);
const WARM = 5;
const BASELINE_N = 5;
const SERVICE_MS = 100;
const MODELED_N = 10;
const inventory = join(root, 'electron', 'main', 'features', 'inventory', 'scripts', 'get-inventory.ps1');

interface HostConn { hostName: string; port: number; userName: string; keyFilePath: string; knownHostsFile: string }

const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)]!;
const stat = (xs: number[]) => `${median(xs).toFixed(0)} / ${p90(xs).toFixed(0)}`;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
/** CPU time (user + system) of a process in ms; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // USER_HZ = 100 on Linux
  } catch {
    return 0;
  }
}
/** Proportional set size in bytes: shared pages (libraries) split between the processes that map them. */
function pssOf(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
const descendants = (p: number): number[] => childrenOf(p).flatMap((c) => [c, ...descendants(c)]);

/** Sets the lab hosts' modelled management-service wait (the `serviceMs` timing) in their state files. */
function setServiceMs(stateDirs: string[], ms: number): void {
  const script = [
    "Import-Module (Join-Path $env:HD_LAB_MODULES 'Hyper-V/Hyper-V.psd1') -WarningAction SilentlyContinue",
    "foreach ($d in ($env:HD_STATE_DIRS -split [char]10)) { $env:HYPERDESK_LAB_STATE = $d; & (Get-Module Hyper-V) { param($v) Update-LabState { param($s) $s['host']['timings']['serviceMs'] = $v } } ([int]$env:HD_SERVICE_MS) }",
  ].join('; ');
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', script], {
    encoding: 'utf8',
    env: { ...process.env, HD_LAB_MODULES: join(root, 'assets', 'lab', 'modules'), HD_STATE_DIRS: stateDirs.join('\n'), HD_SERVICE_MS: String(ms) },
  });
  if (r.status !== 0) throw new Error(`setting serviceMs failed: ${r.stderr}`);
}

async function main() {
  setLogSink(() => undefined);
  const external = process.env.BENCH_HOSTS_JSON;
  const lab = external ? undefined : await startSshLabHosts({ count: HOSTS, scenario: 'fleet', repoRoot: root });
  const hosts: HostConn[] = external ? (JSON.parse(readFileSync(external, 'utf8')) as HostConn[]).slice(0, HOSTS) : lab!.hosts;
  const tmp = mkdtempSync(join(tmpdir(), 'hd-bench-'));
  const loadStart = load();
  let floor: FloorServer | undefined;
  try {
    const hostsJson = join(tmp, 'hosts.json');
    writeFileSync(hostsJson, JSON.stringify(hosts.map((h) => ({ hostName: h.hostName, port: h.port, userName: h.userName, keyFilePath: h.keyFilePath, knownHostsFile: h.knownHostsFile }))));

    // Ours: the real session layer. First connect = all hosts added at once until every one is ready.
    const ready = new Map<string, () => void>();
    const services = await createHostServices({
      dataDir: join(tmp, 'data'), resourcesDir: root, spawner: nodeSpawner, files: nodeFileOps, clock: systemClock, secrets: new MemorySecretStore(),
      events: { hostsChanged: () => undefined, hostState: (id: string, s: HostStatus) => s.state === 'ready' && ready.get(id)?.(), ledgerAppended: () => undefined },
      log: { info: () => undefined, warn: () => undefined, error: (m) => console.error(m) }, seedLabOnFirstRun: false,
    });
    const reg = services.registry;
    const pwsh = await services.hub.powerShell();
    const connectStarted = Date.now();
    const ids: string[] = [];
    const readyAll: Promise<void>[] = [];
    for (const [i, h] of hosts.entries()) {
      const id = `bench-${i}`;
      readyAll.push(new Promise<void>((r) => ready.set(id, r)));
      await reg.add({ name: `bench-${i}`, transport: 'ssh', address: h.hostName, port: h.port, userName: h.userName, keyFilePath: h.keyFilePath, sshOptions: { UserKnownHostsFile: h.knownHostsFile } }, id);
      ids.push(id);
    }
    await Promise.all(readyAll);
    const connectMs = Date.now() - connectStarted;
    const firstRefreshMs = await timeIt(() => Promise.all(ids.map((id) => reg.run(id, 'inventory/get-inventory', {}, { timeoutMs: 120_000 }))));
    const vmCount = ((await reg.run(ids[0]!, 'inventory/get-inventory')) as { vms: unknown[] }).vms.length;

    // Floor: same PowerShell executable as our agents, sessions opened in parallel by New-PSSession itself.
    const started = await FloorServer.start(pwsh.command, pwsh.prefixArgs, pwsh.env, join(root, 'bench', 'floor.ps1'), hostsJson, inventory);
    floor = started.server;

    // CPU used while ours runs, by group: this process, the agents' PowerShell, their ssh clients, the lab hosts'
    // side (sshd children: remote pwsh), all on the same cores.
    const agentTree = () => services.hub.pids().flatMap((p) => [p, ...descendants(p)]);
    const labTree = () => (lab ? lab.hosts.flatMap((h) => h.remotePwshPids().flatMap((p) => [p, ...descendants(p)])) : []);
    // Process lists are taken once the sessions exist (after warm-up): scanning /proc inside the window would
    // count the scan itself as our CPU.
    let groups = { ps: [] as number[], ssh: [] as number[], lab: [] as number[] };
    const findGroups = () => {
      const agents = agentTree();
      groups = { ps: agents.filter((p) => commOf(p) !== 'ssh'), ssh: agents.filter((p) => commOf(p) === 'ssh'), lab: labTree() };
    };
    const sum = (ps: number[]) => ps.reduce((a, p) => a + cpuMs(p), 0);
    const cpuGroups = () => ({ ps: sum(groups.ps), ssh: sum(groups.ssh), lab: sum(groups.lab), node: 0 });
    type Cpu = ReturnType<typeof cpuGroups>;
    const cpu1: Cpu[] = [];
    const cpuAll: Cpu[] = [];
    const withCpu = async (into: Cpu[], fn: () => Promise<number>) => {
      const a = cpuGroups();
      const n0 = process.cpuUsage();
      const ms = await fn();
      const n = process.cpuUsage(n0);
      const b = cpuGroups();
      into.push({ node: (n.user + n.system) / 1000, ps: b.ps - a.ps, ssh: b.ssh - a.ssh, lab: b.lab - a.lab });
      return ms;
    };
    const oursOne = () => withCpu(cpu1, () => timeIt(() => reg.run(ids[0]!, 'inventory/get-inventory')));
    const oursAll = () => withCpu(cpuAll, () => timeIt(() => Promise.all(ids.map((id) => reg.run(id, 'inventory/get-inventory')))));
    const s = { floor1: [] as number[], ours1: [] as number[], floorAll: [] as number[], oursAll: [] as number[] };
    for (let i = 0; i < WARM + N; i++) {
      // Who goes first swaps every round: a refresh leaves the lab hosts busy (background JIT) for the next one.
      const flip = i % 2 === 1;
      const o1f = flip ? await oursOne() : 0;
      const f1 = await floor!.time('single');
      const o1 = flip ? o1f : await oursOne();
      const oAf = flip ? await oursAll() : 0;
      const fA = await floor!.time('fan');
      const oA = flip ? oAf : await oursAll();
      if (i < WARM) {
        cpu1.length = 0;
        cpuAll.length = 0;
        if (i === WARM - 1) findGroups();
        continue;
      }
      s.floor1.push(f1);
      s.ours1.push(o1);
      s.floorAll.push(fA);
      s.oursAll.push(oA);
    }

    // Memory with every host connected: Node (this process) + the agents' PowerShell processes; their ssh
    // clients (OpenSSH, not PowerShell; absent with WinRM) are listed apart.
    const tree = agentTree();
    const mainRss = rssOf(process.pid);
    const psPids = tree.filter((p) => commOf(p) !== 'ssh');
    const psRss = psPids.reduce((a, p) => a + rssOf(p), 0);
    const sshPids = tree.filter((p) => commOf(p) === 'ssh');
    const sshRss = sshPids.reduce((a, p) => a + rssOf(p), 0);
    const pss = [process.pid, ...psPids].reduce((a, p) => a + pssOf(p), 0);
    const sshPss = sshPids.reduce((a, p) => a + pssOf(p), 0);
    const floorTree = [started.pid, ...descendants(started.pid)];
    const floorPs = floorTree.filter((p) => commOf(p) !== 'ssh').reduce((a, p) => a + rssOf(p), 0);
    await floor.quit();
    floor = undefined;

    // Real hosts answer each Hyper-V cmdlet through their management service (WMI): wall time, not CPU of the
    // caller or of the host's pwsh. The lab models it with the hosts' `serviceMs` timing; with it, the same
    // 1-host vs all-hosts comparison shows the fan-out once the hosts are not CPU-bound on this machine's cores.
    const modeled = { one: [] as number[], all: [] as number[] };
    if (lab) {
      setServiceMs(lab.hosts.map((h) => h.stateDir), SERVICE_MS);
      for (let i = 0; i < 3 + MODELED_N; i++) {
        const one = await timeIt(() => reg.run(ids[0]!, 'inventory/get-inventory'));
        const all = await timeIt(() => Promise.all(ids.map((id) => reg.run(id, 'inventory/get-inventory'))));
        if (i < 3) continue;
        modeled.one.push(one);
        modeled.all.push(all);
      }
      setServiceMs(lab.hosts.map((h) => h.stateDir), 0);
    }

    // Baseline: one new PowerShell process per call (connect, run, disconnect), alternating with ours.
    const h0 = hosts[0]!;
    const base: number[] = [];
    const oursNearBase: number[] = [];
    for (let i = 0; i < BASELINE_N; i++) {
      base.push(
        await timeIt(
          () =>
            new Promise<void>((res, rej) => {
              const args = [...pwsh.prefixArgs, '-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(root, 'bench', 'process-per-call.ps1'), '-HostName', h0.hostName, '-Port', String(h0.port), '-UserName', h0.userName, '-KeyFilePath', h0.keyFilePath, '-KnownHosts', h0.knownHostsFile, '-ScriptPath', inventory];
              const p = spawn(pwsh.command, args, { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, ...pwsh.env } });
              p.on('exit', (c) => (c === 0 ? res() : rej(new Error(`baseline exit ${c}`))));
            }),
        ),
      );
      oursNearBase.push(await oursOne());
    }
    await reg.dispose();

    const f1 = median(s.floor1);
    const o1 = median(s.ours1);
    const oA = median(s.oursAll);
    const fA = median(s.floorAll);
    const b1 = median(base);
    const oB = median(oursNearBase);
    const psTotal = mainRss + psRss;
    const avg = (xs: Cpu[], k: keyof Cpu) => xs.reduce((a, x) => a + x[k], 0) / Math.max(1, xs.length);
    const cpuText = (xs: Cpu[]) => `Node ${avg(xs, 'node').toFixed(0)}, agent ${avg(xs, 'ps').toFixed(0)}, ssh ${avg(xs, 'ssh').toFixed(0)}, lab hosts ${lab ? avg(xs, 'lab').toFixed(0) : 'n/a'}`;
    const cores = cpus().length;
    // The lab hosts' CPU spent during our refresh, spread over every core: no refresh can be faster on this machine.
    const labBound = avg(cpuAll, 'lab') / cores;
    const row = (name: string, v: string, target: string, ok?: boolean) => `| ${name} | ${v} | ${target} | ${ok === undefined ? '' : ok ? 'met' : 'NOT met'} |`;
    report(
      [
        `## Session layer (issue 4): ${hosts.length} SSH lab hosts, fleet scenario (${vmCount} VMs per host), inventory script`,
        '',
        `Conditions: ${cpus().length} cores, load average (1/5/15 min) ${loadStart} at start and ${load()} at the end (other work shares the machine; compare ratios within this run). ` +
          `PowerShell for agents, floor and baseline: \`${[pwsh.command, ...pwsh.prefixArgs].join(' ')}\` (${pwsh.via}). ` +
          `Floor and ours alternate call by call (1 host, 1 host, ${hosts.length} hosts, ${hosts.length} hosts; who goes first swaps every round) for ${WARM} warm-up rounds, then ${N} measured rounds; ` +
          `baseline and ours alternate for ${BASELINE_N} rounds. Times in ms as median / p90.`,
        '',
        '| measure | value | target | |',
        '|---|---|---|---|',
        row('floor: warm call, 1 host, bare pwsh Invoke-Command (ms)', stat(s.floor1), ''),
        row('ours: warm call, 1 host, registry.run (ms)', stat(s.ours1), ''),
        row('ours / floor (medians)', (o1 / f1).toFixed(2) + '×', '≤ 1.3×', o1 / f1 <= 1.3),
        row('baseline: new pwsh process per call (ms)', stat(base), ''),
        row('baseline / ours (medians of the alternating rounds)', (b1 / oB).toFixed(1) + '×', '≥ 20×', b1 / oB >= 20),
        row(`ours: ${hosts.length} hosts refreshed in parallel (ms)`, stat(s.oursAll), ''),
        row(`ours: ${hosts.length} hosts / 1 host (medians)`, (oA / o1).toFixed(2) + '×', '≤ 2×', oA / o1 <= 2),
        row(`floor: ${hosts.length} hosts, Invoke-Command -Session all (ms)`, stat(s.floorAll), ''),
        row(`floor: ${hosts.length} hosts / 1 host (medians)`, (fA / f1).toFixed(2) + '×', '(reference)'),
        ...(modeled.one.length
          ? [
              row(`modelled host service wait (${SERVICE_MS} ms per Hyper-V cmdlet, ${MODELED_N} rounds): ours, 1 host; ${hosts.length} hosts (ms)`, `${stat(modeled.one)}; ${stat(modeled.all)}`, ''),
              row(`modelled: ${hosts.length} hosts / 1 host (medians)`, (median(modeled.all) / median(modeled.one)).toFixed(2) + '×', '≤ 2× (with hosts not CPU-bound)', median(modeled.all) / median(modeled.one) <= 2),
            ]
          : []),
        row(`RSS: main (Node) + PowerShell agent processes, ${hosts.length} hosts connected (MB)`, `${mb(psTotal)} (Node ${mb(mainRss)} + agents ${mb(psRss)})`, '≤ 400', psTotal <= 400 * 2 ** 20),
        row(`RSS: ssh client processes under the agent (${sshPids.length}, OpenSSH; none with WinRM) (MB)`, mb(sshRss), ''),
        row('RSS: all of the above together (MB)', mb(psTotal + sshRss), '(≤ 400 if ssh clients counted)', psTotal + sshRss <= 400 * 2 ** 20),
        row(`RSS: floor's bare pwsh holding the same ${hosts.length} sessions, ssh clients excluded (MB)`, mb(floorPs), '(reference)'),
        row('  same, as PSS (shared library pages split between processes): main + agents / ssh clients (MB)', `${mb(pss)} / ${mb(sshPss)}`, ''),
        row('CPU per ours 1-host call, ms (mean; lab hosts include background JIT left by earlier calls)', cpuText(cpu1), ''),
        row(`CPU per ours ${hosts.length}-host refresh, ms (mean; same)`, cpuText(cpuAll), ''),
        row(`least wall time of that ${hosts.length}-host refresh on this machine: lab hosts' CPU in it / ${cores} cores (ms)`, lab ? `${labBound.toFixed(0)} (= ${(labBound / o1).toFixed(2)}× ours 1 host; ours took ${oA.toFixed(0)})` : 'n/a', '(reference)'),
        row('first connect: all hosts added at once until all ready (ms)', String(connectMs), ''),
        row('first refresh of all hosts after connect (ms)', firstRefreshMs.toFixed(0), ''),
        row(`floor: New-PSSession to all hosts one by one (ms)`, started.openMs.toFixed(0), '(reference)'),
      ].join('\n'),
    );
  } finally {
    await floor?.quit();
    await lab?.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
