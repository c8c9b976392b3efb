/**
 * The contoso-datacenter served over SSH (one loopback sshd per host, each host's pwsh on its own folder of one
 * datacenter) and read through the app's session layer: Get-VM on every host answers the VMs the scenario puts
 * there (a Hyper-V Replica copy, same VMId on the replica server, is not where a VM runs: left out), and Get-ClusterGroup on every node answers the same cluster, each VM role owned by the node that holds its VM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { HostInput } from '../../../shared/features/hosts/hosts.contract';
import { startSshLabHosts, type SshLabHost, type SshLabHosts } from '../../support/lab-hosts/ssh-lab-hosts';
import { createHarness, prologue, repoRoot, type Harness } from '../sessions/session-harness';

const fixtures = {
  'dc-vms': `param()\n${prologue}$vms = @(Get-VM | Where-Object { [string]$_.ReplicationMode -ne 'Replica' } | ForEach-Object { [ordered]@{ name = $_.Name; id = $_.Id.ToString(); computerName = $_.ComputerName; path = $_.Path } })
ConvertTo-Json -InputObject ([ordered]@{ host = (Get-VMHost).ComputerName; vms = $vms }) -Depth 4 -Compress`,
  'dc-groups': `param()\n${prologue}$groups = @(Get-ClusterGroup | Where-Object { [string]$_.GroupType -eq 'VirtualMachine' } | ForEach-Object { [ordered]@{ name = $_.Name; owner = $_.OwnerNode.Name; state = [string]$_.State } })
ConvertTo-Json -InputObject ([ordered]@{ cluster = (Get-Cluster).Name; groups = $groups }) -Depth 4 -Compress`,
};

const VmsAnswer = z.object({ host: z.string(), vms: z.array(z.object({ name: z.string(), id: z.string(), computerName: z.string(), path: z.string() })) });
const GroupsAnswer = z.object({ cluster: z.string(), groups: z.array(z.object({ name: z.string(), owner: z.string(), state: z.string() })) });
const Scenario = z.object({ hosts: z.array(z.object({ name: z.string(), site: z.string(), vms: z.array(z.object({ name: z.string() })) })) });

const scenario = Scenario.parse(JSON.parse(readFileSync(join(repoRoot, 'assets', 'lab', 'scenarios', 'contoso-datacenter', 'scenario.json'), 'utf8')));

let lab: SshLabHosts;
let h: Harness;
const ids = new Map<string, string>();

const input = (x: SshLabHost): HostInput => ({
  name: x.name, transport: 'ssh', address: x.hostName, port: x.port, userName: x.userName, keyFilePath: x.keyFilePath,
  sshOptions: { UserKnownHostsFile: x.knownHostsFile },
});

beforeAll(async () => {
  lab = await startSshLabHosts({ scenario: 'contoso-datacenter', repoRoot });
  h = await createHarness({ fixtures, timing: { connectTimeoutMs: 30_000 } });
  for (const host of lab.hosts) ids.set(host.name, (await h.registry.add(input(host))).id);
  await Promise.all([...ids.values()].map((id) => h.waitFor(id, 'ready', 90_000)));
}, 180_000);
afterAll(async () => {
  await h?.dispose();
  await lab?.dispose();
});

const idOf = (name: string) => {
  const id = ids.get(name);
  if (!id) throw new Error(`no host ${name}`);
  return id;
};

describe('contoso-datacenter over SSH, through the session layer', () => {
  it('serves every host of both sites, each on its own folder of the one datacenter', () => {
    expect(lab.hosts.map((x) => `${x.site}/${x.name}`)).toEqual(scenario.hosts.map((x) => `${x.site}/${x.name}`));
    for (const x of lab.hosts) expect(x.stateDir).toBe(join(lab.stateRoot!, x.site!, x.name));
  });

  const readVms = () => Promise.all(lab.hosts.map(async (x) => VmsAnswer.parse(await h.registry.run(idOf(x.name), 'fixture/dc-vms', {}))));

  it('Get-VM on every host answers that host and the VMs the scenario puts there, no VM on two hosts', async () => {
    const vms = await readVms();
    for (const [i, answer] of vms.entries()) {
      const spec = scenario.hosts[i]!;
      expect(answer.host).toBe(spec.name);
      expect(answer.vms.map((v) => v.name)).toEqual(spec.vms.map((v) => v.name));
      expect(new Set(answer.vms.map((v) => v.computerName))).toEqual(new Set([spec.name]));
    }
    const all = vms.flatMap((a) => a.vms.map((v) => v.id));
    expect(new Set(all).size).toBe(all.length);
    // The clustered VMs live on the CSV the whole site sees; DC01 on HV-C01's own folder.
    const c01 = vms[0]!.vms;
    expect(c01.find((v) => v.name === 'DC01')?.path).toBe(join(lab.stateRoot!, 'HQ', 'HV-C01'));
    expect(c01.find((v) => v.name === 'SQL01')?.path).toBe(join(lab.stateRoot!, 'HQ', 'ClusterStorage', 'Volume1', 'SQL01'));
  }, 120_000);

  it('Get-ClusterGroup on every node answers one cluster whose VM roles are owned where their VMs are', async () => {
    const nodes = lab.hosts.filter((x) => /^HV-C0\d$/.test(x.name));
    expect(nodes.map((x) => x.name)).toEqual(['HV-C01', 'HV-C02', 'HV-C03']);
    const answers = await Promise.all(nodes.map(async (x) => GroupsAnswer.parse(await h.registry.run(idOf(x.name), 'fixture/dc-groups', {}))));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.cluster).toBe('HV-CLUSTER01');
    const vms = await readVms();
    const hostOf = new Map(vms.flatMap((a) => a.vms.map((v) => [v.name, a.host] as const)));
    const roles = answers[0]!.groups.filter((g) => g.state !== 'Offline');
    expect(roles.length).toBeGreaterThan(3);
    for (const g of roles) expect(`${g.name}@${g.owner}`).toBe(`${g.name}@${hostOf.get(g.name)}`);
    // Not clustered: the DC on a local disk, and the standalone and DR hosts' VMs.
    const names = new Set(answers[0]!.groups.map((g) => g.name));
    expect(names.has('DC01')).toBe(false);
  }, 120_000);
});
