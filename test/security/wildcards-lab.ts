import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createGroupStore, createRoleStore } from '../../electron/main/features/checkpoints/checkpoint-documents';
import { CheckpointGroupsService } from '../../electron/main/features/checkpoints/checkpoint-groups.service';
import { CheckpointsService } from '../../electron/main/features/checkpoints/checkpoints.service';
import { nodeStateFiles } from '../../electron/main/platform/documents/atomic-file';
import { createHostScripts } from '../../electron/main/platform/sessions/host-scripts';
import { TaskHistory } from '../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../electron/main/platform/tasks/tasks.service';
import type { TaskRecord } from '../../shared/features/tasks/tasks.contract';
import type { ScriptDef } from '../../electron/main/platform/scripts/script-def';
import { createHarness, prologue, repoRoot, type Harness } from '../integration/sessions/session-harness';

/*
 * One lab host reached through the real session layer, with the shipped scripts of every feature that changes a
 * host, and the test's own look-ups (fixtures) that bypass the app: they make the hostile-named targets and read
 * the whole host back (every VM's state, settings, checkpoints, adapters, disks; every switch), so a change the
 * app did not mean to make shows up whatever it was.
 */

/** Everything about one VM that a mutating operation could change. */
export const VmFacts = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  notes: z.string(),
  processors: z.number(),
  memory: z.number(),
  dynamic: z.boolean(),
  checkpointType: z.string(),
  parent: z.string(),
  checkpoints: z.array(z.string()),
  adapters: z.array(z.string()),
  /** Per adapter: Id|MAC|spoofing|VLAN mode/id|max/min bandwidth (what the settings editor's device edits change). */
  nics: z.array(z.string()),
  disks: z.array(z.string()),
  /** Per disk: controller type/number/location|path|virtual size. */
  diskPlaces: z.array(z.string()),
  dvds: z.array(z.string()),
  /** Gen2: secure boot|template|TPM|boot order by type; Gen1: the BIOS startup order. */
  firmware: z.string(),
});
export type VmFacts = z.infer<typeof VmFacts>;
export const HostFacts = z.object({ vms: z.array(VmFacts), switches: z.array(z.string()) });
export type HostFacts = z.infer<typeof HostFacts>;

const FIXTURES: Record<string, string> = {
  // Every VM by Id, read with -VM objects only (a look-up by name would itself be a wildcard).
  'host-facts': `${prologue}
$vms = foreach ($vm in @(Get-VM)) {
    [ordered]@{
        id = [string]$vm.Id; name = [string]$vm.Name; state = [string]$vm.State; notes = [string]$vm.Notes
        processors = [int]$vm.ProcessorCount; memory = [long]$vm.MemoryStartup; dynamic = [bool]$vm.DynamicMemoryEnabled
        checkpointType = [string]$vm.CheckpointType; parent = [string]$vm.ParentSnapshotId
        checkpoints = @(Get-VMSnapshot -VM $vm | ForEach-Object { '{0}|{1}|{2}' -f $_.Id, $_.Name, $_.ParentSnapshotId } | Sort-Object)
        adapters = @(Get-VMNetworkAdapter -VM $vm | ForEach-Object { '{0}|{1}' -f $_.Id, $_.SwitchName } | Sort-Object)
        nics = @(Get-VMNetworkAdapter -VM $vm | ForEach-Object {
            $v = Get-VMNetworkAdapterVlan -VMNetworkAdapter $_
            $bw = $_.BandwidthSetting
            $limits = 'none'
            if ($null -ne $bw) { $limits = '{0}/{1}' -f $bw.MaximumBandwidth, $bw.MinimumBandwidthAbsolute }
            '{0}|{1}|{2}|{3}/{4}|{5}' -f $_.Id, $_.MacAddress, $_.MacAddressSpoofing, $v.OperationMode, $v.AccessVlanId, $limits
        } | Sort-Object)
        disks = @(Get-VMHardDiskDrive -VM $vm | ForEach-Object { '{0}|{1}' -f $_.Path, (Test-Path -LiteralPath $_.Path) } | Sort-Object)
        diskPlaces = @(Get-VMHardDiskDrive -VM $vm | ForEach-Object {
            $size = 'missing'
            if (Test-Path -LiteralPath $_.Path) { $size = [string](Get-VHD -Path $_.Path).Size }
            '{0}/{1}/{2}|{3}|{4}' -f $_.ControllerType, $_.ControllerNumber, $_.ControllerLocation, $_.Path, $size
        } | Sort-Object)
        dvds = @(Get-VMDvdDrive -VM $vm | ForEach-Object { '{0}/{1}|{2}' -f $_.ControllerNumber, $_.ControllerLocation, $_.Path } | Sort-Object)
        firmware = $(if ([int]$vm.Generation -eq 2) {
            $fw = Get-VMFirmware -VM $vm
            '{0}|{1}|{2}|{3}' -f $fw.SecureBoot, $fw.SecureBootTemplate, (Get-VMSecurity -VM $vm).TpmEnabled, (@($fw.BootOrder | ForEach-Object { [string]$_.BootType }) -join ',')
        } else { @((Get-VMBios -VM $vm).StartupOrder | ForEach-Object { [string]$_ }) -join ',' })
    }
}
$switches = @(Get-VMSwitch | ForEach-Object { '{0}|{1}' -f $_.Id, $_.Name } | Sort-Object)
ConvertTo-Json -Depth 5 -Compress -InputObject ([ordered]@{ vms = @($vms); switches = $switches })
`,
  // A VM made by the test, with a new disk named by a GUID (never by the hostile name), optionally running.
  'make-vm': `param([Parameter(Mandatory = $true)][string]$Name, [bool]$Running = $false, [bool]$Guest = $false)
${prologue}$disk = Join-Path (Get-VMHost).VirtualHardDiskPath ('wc-' + [guid]::NewGuid().ToString('N') + '.vhdx')
$vm = New-VM -Name $Name -Generation 2 -MemoryStartupBytes 512MB -NewVHDPath $disk -NewVHDSizeBytes 1GB
Connect-VMNetworkAdapter -VMNetworkAdapter @(Get-VMNetworkAdapter -VM $vm)[0] -VMSwitch (Get-VMSwitch | Where-Object { $_.Name -eq 'Internal' })
if ($Guest) {
    $id = [string]$vm.Id
    & (Get-Module Hyper-V) { param($id) Update-LabState { param($s) foreach ($r in $s['vms']) { if ($r['id'] -eq $id) { $r['guest']['integrationServices'] = $true; $r['guest']['family'] = 'windows'; $r['guest']['isVersion'] = '10.0.20348.1' } } } } $id
}
if ($Running) { Start-VM -VM $vm }
ConvertTo-Json -Compress -InputObject ([ordered]@{ id = [string]$vm.Id; name = [string]$vm.Name })
`,
  'checkpoint-vm': `param([Parameter(Mandatory = $true)][string]$VmId, [Parameter(Mandatory = $true)][string]$SnapshotName)
${prologue}$s = Checkpoint-VM -VM (Get-VM -Id ([guid]$VmId)) -SnapshotName $SnapshotName -Passthru
ConvertTo-Json -Compress -InputObject ([ordered]@{ id = [string]$s.Id })
`,
  'vm-power': `param([Parameter(Mandatory = $true)][string]$VmId, [Parameter(Mandatory = $true)][ValidateSet('pause')][string]$Action)
${prologue}Suspend-VM -VM (Get-VM -Id ([guid]$VmId))
'{}'
`,
  'drop-vm': `param([Parameter(Mandatory = $true)][string]$VmId)
${prologue}$vm = @(Get-VM | Where-Object { [string]$_.Id -eq $VmId })
foreach ($v in $vm) {
    if ([string]$v.State -ne 'Off') { Stop-VM -VM $v -TurnOff -Force }
    Remove-VM -VM $v -Force
}
'{}'
`,
  // A private switch with no users (what P2V's isolated first-boot switch is once the job's VM has moved off it).
  'make-switch': `param([Parameter(Mandatory = $true)][string]$Name)
${prologue}$sw = New-VMSwitch -Name $Name -SwitchType Private
ConvertTo-Json -Compress -InputObject ([ordered]@{ id = [string]$sw.Id })
`,
  // What the app must never do (a value spliced into PowerShell text): the canary suite's proof that it can see it.
  'spliced-echo': `param([Parameter(Mandatory = $true)][string]$Value)
${prologue}try { Invoke-Expression ("Write-Output '" + $Value + "'") | Out-Null } catch { }
'{}'
`,
  'new-image': `param([Parameter(Mandatory = $true)][string]$Path)
${prologue}New-VHD -Path $Path -SizeBytes 1GB -Dynamic | Out-Null
'{}'
`,
  // Internal lab knobs: shorter transitions, and a planted fault (cmdlet -> message) or none.
  'lab-knobs': `param([string]$TimingsJson = '', [string]$FaultCmdlet = '', [string]$FaultMessage = '')
${prologue}$m = Get-Module Hyper-V
if ($null -eq $m) { $m = Import-Module Hyper-V -PassThru }
& $m { param($t, $c, $msg)
    Update-LabState { param($s)
        if ($t) { $o = $t | ConvertFrom-Json; foreach ($p in $o.PSObject.Properties) { $s['host']['timings'][$p.Name] = [long]$p.Value } }
        if ($c) { $s['host']['faults'] = @{ $c = $msg } } elseif ($s['host'].Contains('faults')) { $s['host'].Remove('faults') }
    }
} $TimingsJson $FaultCmdlet $FaultMessage
ConvertTo-Json -Compress -InputObject ([ordered]@{ vhdDir = [string](Get-VMHost).VirtualHardDiskPath })
`,
};

const Made = z.object({ id: z.string(), name: z.string() });

export interface WildcardLab {
  h: Harness;
  hostId: string;
  /** The folder new disks go to on the lab host. */
  vhdDir: string;
  /** A shipped script through HostScripts, as the features run it; the validated answer. */
  run<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P): Promise<R>;
  facts(): Promise<HostFacts>;
  makeVm(name: string, opts?: { running?: boolean; guest?: boolean }): Promise<{ id: string; name: string }>;
  checkpoint(vmId: string, name: string): Promise<string>;
  pause(vmId: string): Promise<void>;
  drop(vmId: string): Promise<void>;
  newImage(path: string): Promise<void>;
  /** Runs a value the way no shipped script may: spliced into PowerShell text (the canary suite's control). */
  splice(value: string): Promise<void>;
  /** Makes a private switch; its Id. */
  makeSwitch(name: string): Promise<string>;
  /** The checkpoint groups as main runs them (the checkpoints service, its task service and group store). */
  groups: CheckpointGroupsService;
  /** Waits for a task the groups started and returns how it ended. */
  finished(taskId: string): Promise<TaskRecord>;
  /** Whether a file or folder exists on the lab host (its folders are on this machine). */
  exists(path: string): Promise<boolean>;
  plantFault(cmdlet: string, message: string): Promise<void>;
  clearFaults(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createWildcardLab(): Promise<WildcardLab> {
  const h = await createHarness({ fixtures: FIXTURES });
  for (const f of ['inventory', 'checkpoints', 'p2v', 'console']) {
    symlinkSync(join(repoRoot, 'electron', 'main', 'features', f), join(h.dir, 'resources', 'electron', 'main', 'features', f));
  }
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop', '-HostCount', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>;
  const hostId = (await h.registry.add({ name: seeded[0]!.name, transport: 'lab', labStateDir: seeded[0]!.stateDir })).id;
  await h.waitFor(hostId, 'ready', 90_000);
  const hosts = createHostScripts(h.registry, () => () => undefined);
  const fixture = <T>(name: string, args: Record<string, unknown>, schema: z.ZodType<T>) => h.registry.run(hostId, `fixture/${name}`, args, { schema });
  const knobs = (args: Record<string, unknown>) => fixture('lab-knobs', args, z.object({ vhdDir: z.string() }));
  const records: TaskRecord[] = [];
  const data = join(h.dir, 'data');
  const tasks = new TaskServiceImpl({ history: new TaskHistory(join(data, 'tasks.jsonl'), nodeStateFiles, console), emit: (rec) => records.push(rec), log: console, progressIntervalMs: 0 });
  const checkpoints = new CheckpointsService({ hosts, tasks, roles: createRoleStore(data, nodeStateFiles, console), tagGroups: { groupsOf: async () => [] }, emitChanged: () => undefined, now: () => new Date() });
  const groups = new CheckpointGroupsService({ service: checkpoints, tasks, store: createGroupStore(data, nodeStateFiles, console), emitChanged: () => undefined, emitGroupsChanged: () => undefined, now: () => new Date() });
  const finished = async (taskId: string) => {
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((res) => setTimeout(res, 20))) {
      const r = records.filter((x) => x.id === taskId).at(-1);
      if (r?.endedAt) return r;
    }
    throw new Error(`task ${taskId} did not finish`);
  };
  const { vhdDir } = await knobs({ TimingsJson: JSON.stringify({ startMs: 50, stopMs: 50, saveMs: 50, guestBootMs: 100, exportMs: 50 }) });
  return {
    h,
    hostId,
    vhdDir,
    run: async (def, params) => (await hosts.on(hostId).run(def, params)).value,
    facts: () => fixture('host-facts', {}, HostFacts),
    makeVm: (name, opts = {}) => fixture('make-vm', { Name: name, Running: opts.running ?? false, Guest: opts.guest ?? false }, Made),
    checkpoint: async (vmId, name) => (await fixture('checkpoint-vm', { VmId: vmId, SnapshotName: name }, z.object({ id: z.string() }))).id,
    pause: async (vmId) => void (await fixture('vm-power', { VmId: vmId, Action: 'pause' }, z.object({}))),
    drop: async (vmId) => void (await fixture('drop-vm', { VmId: vmId }, z.object({}))),
    newImage: async (path) => void (await fixture('new-image', { Path: path }, z.object({}))),
    splice: async (value) => void (await fixture('spliced-echo', { Value: value }, z.object({}))),
    makeSwitch: async (name) => (await fixture('make-switch', { Name: name }, z.object({ id: z.string() }))).id,
    groups,
    finished,
    exists: async (path) => existsSync(path),
    plantFault: async (cmdlet, message) => void (await knobs({ FaultCmdlet: cmdlet, FaultMessage: message })),
    clearFaults: async () => void (await knobs({})),
    dispose: () => h.dispose(),
  };
}
