import { psComment, psLiteral, quotePsString } from '../../platform/ledger/ps-command';
import { onVm, vmName, type DisplayNames } from '../../platform/scripts/display';

/**
 * What View PowerShell shows for the console scripts: the CIM calls an admin would make on the host (the console
 * is Msvm_* classes in root\virtualization\v2, found by the VM's Id, which is its Msvm_ComputerSystem Name).
 */
const NS = "'root\\virtualization\\v2'";
const computerSystem = (vmId: string) => `$vm = Get-CimInstance -Namespace ${NS} -ClassName 'Msvm_ComputerSystem' -Filter ${quotePsString(`Name='${vmId}'`)}`;
const associated = (variable: string, cls: string) => `${variable} = Get-CimAssociatedInstance -InputObject $vm -ResultClassName ${quotePsString(cls)}`;
// A name in a comment cannot end the comment or start a new line (psComment).
const named = (n: DisplayNames, vmId: string) => (vmName(n, vmId) ? [`# ${psComment(vmName(n, vmId)!)}`] : []);

type KeyOp = { op: 'text'; s: string } | { op: 'key'; vk: number; mods: number[] } | { op: 'cad' };

function keyLines(opsJson: string): string[] {
  let ops: KeyOp[];
  try {
    ops = JSON.parse(opsJson) as KeyOp[];
  } catch {
    return [];
  }
  return ops.flatMap((o) => {
    if (o.op === 'cad') return ['Invoke-CimMethod -InputObject $kb -MethodName TypeCtrlAltDel'];
    if (o.op === 'text') return [`Invoke-CimMethod -InputObject $kb -MethodName TypeText -Arguments @{ asciiText = ${psLiteral(o.s)} }`];
    return [
      ...o.mods.map((m) => `Invoke-CimMethod -InputObject $kb -MethodName PressKey -Arguments @{ keyCode = ${m} }`),
      `Invoke-CimMethod -InputObject $kb -MethodName TypeKey -Arguments @{ keyCode = ${o.vk} }`,
      ...o.mods.map((m) => `Invoke-CimMethod -InputObject $kb -MethodName ReleaseKey -Arguments @{ keyCode = ${m} }`),
    ];
  });
}

export const consoleDisplay = {
  info: (p: { VmId: string }, n: DisplayNames) => [...named(n, p.VmId), computerSystem(p.VmId), associated('$head', 'Msvm_VideoHead'), associated('$kb', 'Msvm_Keyboard')],
  frame: (p: { VmId: string }, n: DisplayNames) => [
    ...named(n, p.VmId),
    computerSystem(p.VmId),
    "$svc = Get-CimInstance -Namespace 'root\\virtualization\\v2' -ClassName 'Msvm_VirtualSystemManagementService'",
    "$vssd = Get-CimAssociatedInstance -InputObject $vm -ResultClassName 'Msvm_VirtualSystemSettingData' | Where-Object VirtualSystemType -eq 'Microsoft:Hyper-V:System:Realized'",
    'Invoke-CimMethod -InputObject $svc -MethodName GetVirtualSystemThumbnailImage -Arguments @{ TargetSystem = $vssd; WidthPixels = 1024; HeightPixels = 768 }',
  ],
  list: () => ['Get-VM'],
  keys: (p: { VmId: string; OpsJson: string }, n: DisplayNames) => [...named(n, p.VmId), computerSystem(p.VmId), associated('$kb', 'Msvm_Keyboard'), ...keyLines(p.OpsJson)],
  mouse: (p: { VmId: string; X: number; Y: number; Action: string; Button: number }, n: DisplayNames) => [
    ...named(n, p.VmId),
    computerSystem(p.VmId),
    associated('$mouse', 'Msvm_SyntheticMouse'),
    `Invoke-CimMethod -InputObject $mouse -MethodName SetAbsolutePosition -Arguments @{ horizontalPosition = ${p.X}; verticalPosition = ${p.Y} }`,
    ...(p.Action === 'click' ? [`Invoke-CimMethod -InputObject $mouse -MethodName ClickButton -Arguments @{ buttonIndex = ${p.Button} }`] : []),
    ...(p.Action === 'down' || p.Action === 'up'
      ? [`Invoke-CimMethod -InputObject $mouse -MethodName SetButtonState -Arguments @{ buttonIndex = ${p.Button}; isDown = ${p.Action === 'down' ? '$true' : '$false'} }`]
      : []),
  ],
  start: (p: { VmId: string }, n: DisplayNames) => [onVm('Start-VM', p.VmId, n)],
};
