import { formatPsArguments, quotePsString } from '../ledger/ps-command';

/**
 * The display form of a script call: the cmdlets an admin would type for it, with names, as View PowerShell
 * shows them first. It is for a human to read and paste, not what ran (that is the script, one click away), so
 * it may name objects; where a name could match more than the object (a wildcard character), the line picks the
 * object by Id instead, so a pasted line acts on the same VM the task did.
 */

/** Names the caller knows (the inventory cache, the checkpoint tree), by object Id; lower-case or not. */
export interface DisplayNames {
  vms?: Readonly<Record<string, string>>;
  checkpoints?: Readonly<Record<string, string>>;
  /** A VM's name by Id where the caller did not give it (HostScripts asks the inventory's cache). */
  lookupVm?: (vmId: string) => string | undefined;
}

export type DisplayFn<P> = (params: P, names: DisplayNames) => string[];

/** The characters Hyper-V's -Name parameters treat as wildcards. */
const WILDCARD = /[[\]*?]/;

const lookup = (map: Readonly<Record<string, string>> | undefined, id: string): string | undefined => {
  if (!map) return undefined;
  return map[id] ?? map[id.toLowerCase()] ?? Object.entries(map).find(([k]) => k.toLowerCase() === id.toLowerCase())?.[1];
};

/** A name that can stand for the object in a -Name parameter, or undefined (unknown, or holds a wildcard). */
export function safeName(name: string | undefined): string | undefined {
  return name && !WILDCARD.test(name) ? name : undefined;
}

export function vmName(names: DisplayNames, vmId: string): string | undefined {
  return lookup(names.vms, vmId) ?? names.lookupVm?.(vmId);
}

export function checkpointName(names: DisplayNames, checkpointId: string): string | undefined {
  return lookup(names.checkpoints, checkpointId);
}

const SWITCH = /^[A-Za-z][A-Za-z0-9]*$/;

/** ` -Param 'value' -Switch`: values as literals (ps-command.ts), switches bare as an admin types them. */
export function argsTail(rest: Record<string, unknown>, switches: readonly string[] = []): string {
  const parts = [formatPsArguments(rest), ...switches.filter((s) => SWITCH.test(s)).map((s) => `-${s}`)].filter(Boolean);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** `Start-VM -Name 'DC1' <rest>`, or `Get-VM -Id '<guid>' | Start-VM <rest>` when the name cannot address it. */
export function onVm(cmdlet: string, vmId: string, names: DisplayNames, rest: Record<string, unknown> = {}, switches: readonly string[] = []): string {
  const tail = argsTail(rest, switches);
  const name = safeName(vmName(names, vmId));
  return name ? `${cmdlet} -Name ${quotePsString(name)}${tail}` : `Get-VM -Id ${quotePsString(vmId)} | ${cmdlet}${tail}`;
}

/** `Get-VM -Name 'DC1'`, or `Get-VM -Id '<guid>'`. */
export function getVm(vmId: string, names: DisplayNames): string {
  const name = safeName(vmName(names, vmId));
  return name ? `Get-VM -Name ${quotePsString(name)}` : `Get-VM -Id ${quotePsString(vmId)}`;
}

/** A cmdlet whose VM parameter is -VMName: `Get-VMSnapshot -VMName 'DC1'`, or `Get-VM -Id '<guid>' | Get-VMSnapshot`. */
export function byVmName(cmdlet: string, vmId: string, names: DisplayNames, rest: Record<string, unknown> = {}, switches: readonly string[] = []): string {
  const tail = argsTail(rest, switches);
  const name = safeName(vmName(names, vmId));
  return name ? `${cmdlet} -VMName ${quotePsString(name)}${tail}` : `Get-VM -Id ${quotePsString(vmId)} | ${cmdlet}${tail}`;
}

/** `Remove-VMSnapshot -VMName 'FS1' -Name 'Before AD upgrade'`, or by Id through Get-VMSnapshot -Id. */
export function onCheckpoint(cmdlet: string, vmId: string, checkpointId: string, names: DisplayNames, rest: Record<string, unknown> = {}, switches: readonly string[] = []): string {
  const tail = argsTail(rest, switches);
  const vm = safeName(vmName(names, vmId));
  const cp = safeName(checkpointName(names, checkpointId));
  if (vm && cp) return `${cmdlet} -VMName ${quotePsString(vm)} -Name ${quotePsString(cp)}${tail}`;
  return `Get-VMSnapshot -Id ${quotePsString(checkpointId)} | ${cmdlet}${tail}`;
}

/** `<script>.ps1 -Param 'value'`: the call as the script's own name and parameters, never a path on this machine. */
export function scriptCall(scriptName: string, params: Record<string, unknown>): string {
  const file = `${scriptName.slice(scriptName.indexOf('/') + 1)}.ps1`;
  const args = formatPsArguments(params);
  return args ? `${file} ${args}` : file;
}

/** Where the lines run: on this machine (local, lab), or a remote host reached by WinRM or SSH. */
export interface DisplayHost {
  transport: 'local' | 'lab' | 'winrm' | 'ssh';
  address?: string;
  userName?: string;
  port?: number;
}

/**
 * The lines as typed in a terminal on this machine: as they are for a local or lab host, inside
 * `Invoke-Command -ComputerName <host> { ... }` for WinRM and `Invoke-Command -HostName <host> { ... }` for SSH.
 */
export function forHost(lines: readonly string[], host: DisplayHost | undefined): string[] {
  if (!host || host.transport === 'local' || host.transport === 'lab' || !host.address || lines.length === 0) return [...lines];
  const target =
    host.transport === 'winrm'
      ? `-ComputerName ${quotePsString(host.address)}`
      : `-HostName ${quotePsString(host.address)}${host.userName ? ` -UserName ${quotePsString(host.userName)}` : ''}${host.port && host.port !== 22 ? ` -Port ${host.port}` : ''}`;
  if (lines.length === 1) return [`Invoke-Command ${target} { ${lines[0]} }`];
  return [`Invoke-Command ${target} {`, ...lines.map((l) => `  ${l}`), '}'];
}
