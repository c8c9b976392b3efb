import { formatPsArguments, psComment, quotePsString } from '../../platform/ledger/ps-command';
import { onVm, safeName, vmName, type DisplayNames } from '../../platform/scripts/display';

/**
 * What View PowerShell shows for the P2V scripts: on the source machine, the commands an admin would run to read
 * it, capture it with Disk2vhd and check the image; on the Hyper-V host, the cmdlets that make and drive the VM.
 */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The VM of a P2V job: by Id when the job knows it (the script's own addressing), else by its name when that is safe. */
function jobVm(cmdlet: string, p: { VmId?: string; Name?: string }, n: DisplayNames, rest: Record<string, unknown> = {}): string {
  if (p.VmId) return onVm(cmdlet, p.VmId, n, rest);
  const args = formatPsArguments(rest);
  const tail = args ? ` ${args}` : '';
  const name = p.Name ?? '';
  return safeName(name) ? `${cmdlet} -Name ${quotePsString(name)}${tail}` : `Get-VM | Where-Object Name -eq ${quotePsString(name)} | ${cmdlet}${tail}`;
}

function jobVmName(p: { VmId?: string; Name?: string }, n: DisplayNames): string | undefined {
  return safeName(p.VmId ? vmName(n, p.VmId) : p.Name);
}

export const p2vDisplay = {
  preflight: () => ['Get-Disk', 'Get-Partition', 'Get-Volume', 'Get-BitLockerVolume', 'Confirm-SecureBootUEFI'],
  captureStart: (p: { Disk2vhdPath: string; Volumes: string[]; VhdPath: string; UseShadowCopy?: boolean }) => [
    `& ${quotePsString(p.Disk2vhdPath)} -accepteula -c ${p.Volumes.length ? p.Volumes.map(quotePsString).join(' ') : '*'} ${quotePsString(p.VhdPath)}`,
  ],
  captureStatus: (p: { VhdPath: string; ProcessId: number }) => [`Get-Process -Id ${p.ProcessId}`, `Get-Item -LiteralPath ${quotePsString(p.VhdPath)}`],
  captureStop: (p: { VhdPath: string; ProcessId?: number }) => [
    ...(p.ProcessId !== undefined ? [`Stop-Process -Id ${p.ProcessId} -Force`] : []),
    `Remove-Item -LiteralPath ${quotePsString(p.VhdPath)} -Force`,
  ],
  verifyImage: (p: { Path: string }) => [`Get-Item -LiteralPath ${quotePsString(p.Path)}`, `Get-Content -LiteralPath ${quotePsString(p.Path)} -Encoding Byte -TotalCount 8`],
  copyDisk2vhd: (p: { CopyId: string; Action: string; TotalBytes?: number; Sha256?: string }) => {
    const part = `"$env:ProgramData\\Hyperdesk\\${p.CopyId}.part"`;
    if (p.Action === 'append') return [`# append a chunk of disk2vhd64.exe to ${psComment(part)} (the data is in the full script's parameters)`];
    if (p.Action === 'discard') return [`Remove-Item -LiteralPath ${part} -Force`];
    return [`(Get-FileHash -LiteralPath ${part} -Algorithm SHA256).Hash`, `Move-Item -LiteralPath ${part} -Destination "$env:ProgramData\\Hyperdesk\\disk2vhd64.exe" -Force`];
  },
  hostInfo: () => ['Get-VMHost', 'Get-VMSwitch'],
  transfer: (p: { SourcePath: string; DestinationPath: string }) => [`Copy-Item -LiteralPath ${quotePsString(p.SourcePath)} -Destination ${quotePsString(p.DestinationPath)}`],
  createVm: (p: { Name: string; Generation: number; VhdPath: string; MemoryStartupBytes: number; ProcessorCount: number; IsolatedSwitchName: string; SecureBootTemplate?: string; CheckpointName?: string }) => [
    `$vm = New-VM ${formatPsArguments({ Name: p.Name, Generation: p.Generation, MemoryStartupBytes: p.MemoryStartupBytes, VHDPath: p.VhdPath, SwitchName: p.IsolatedSwitchName })}`,
    `Set-VMProcessor -VM $vm -Count ${p.ProcessorCount}`,
    ...(p.SecureBootTemplate ? [`Set-VMFirmware -VM $vm -EnableSecureBoot On -SecureBootTemplate ${quotePsString(p.SecureBootTemplate)}`] : []),
    ...(p.CheckpointName ? [`Checkpoint-VM -VM $vm -SnapshotName ${quotePsString(p.CheckpointName)}`] : []),
  ],
  vmAction: (p: { VmId?: string; Name?: string; Action: string; CheckpointName?: string; SwitchName?: string }, n: DisplayNames) => {
    const name = jobVmName(p, n);
    const cp = p.CheckpointName ? quotePsString(p.CheckpointName) : undefined;
    if (p.Action === 'start') return [jobVm('Start-VM', p, n)];
    if (p.Action === 'production')
      return [name ? `Get-VMNetworkAdapter -VMName ${quotePsString(name)} | Connect-VMNetworkAdapter -SwitchName ${quotePsString(p.SwitchName ?? '')}` : `${jobVm('Get-VMNetworkAdapter', p, n)} | Connect-VMNetworkAdapter -SwitchName ${quotePsString(p.SwitchName ?? '')}`];
    const cmdlet = p.Action === 'rollback' ? 'Restore-VMSnapshot' : 'Remove-VMSnapshot';
    const rest = defined({ Confirm: p.Action === 'rollback' ? false : undefined });
    const args = formatPsArguments(rest);
    if (name && cp && safeName(p.CheckpointName)) return [`${cmdlet} -VMName ${quotePsString(name)} -Name ${cp}${args ? ` ${args}` : ''}`];
    return [`${jobVm('Get-VMSnapshot', p, n)} | Where-Object Name -eq ${cp ?? "''"} | ${cmdlet}${args ? ` ${args}` : ''}`];
  },
};
