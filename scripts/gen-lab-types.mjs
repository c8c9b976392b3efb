// Part of gen-lab-declarations.mjs: renders the C# source of the real Hyper-V object types and enums
// (names, member values, property names and types) from shared/reference/hyperv-objects.md, plus empty
// classes for every other Microsoft.* type a cmdlet parameter names, so binding behaves as on a real host
// (a string never converts to a VirtualMachine). C# 5 only: it must compile on Windows PowerShell 5.1 too.

const HV = 'Microsoft.HyperV.PowerShell';
const VHD = 'Microsoft.Vhd.PowerShell';
const VCM = 'Microsoft.Virtualization.Client.Management';
const ENUM_NS = { VhdFormat: VHD, VhdType: VHD, VhdCompactMode: VHD, VirtualHardDiskPmemAddressAbstractionType: VCM, DisableOnFailoverFeature: VCM };
// Nested enums of command classes (Restart-VM declares its own RestartType/WaitVMTypes).
const NESTED = { 'Commands.RestartVM': ['RestartType', 'WaitVMTypes'] };

// Base classes the real module has; a child declares only the properties its bases do not.
const PARENTS = {
  VirtualMachine: 'VirtualMachineBase', VMSnapshot: 'VirtualMachineBase',
  VMNetworkAdapter: 'VMNetworkAdapterBase', VMInternalNetworkAdapter: 'VMNetworkAdapterBase', VMExternalNetworkAdapter: 'VMNetworkAdapterBase',
  VMNetworkAdapterBase: 'VMComponentObject', HardDiskDrive: 'Drive', DvdDrive: 'Drive', Drive: 'VMComponentObject',
  VMProcessor: 'VMComponentObject', VMMemory: 'VMComponentObject', VMIntegrationComponent: 'VMComponentObject',
  VMBootSource: 'VMComponentObject', VMDriveController: 'VMComponentObject', VMScsiController: 'VMDriveController',
  VMIdeController: 'VMDriveController', VMPmemController: 'VMDriveController', VMFloppyDiskDrive: 'VMComponentObject',
  VMComPort: 'VMComponentObject', KeyStorageDrive: 'VMComponentObject', VMSystemSwitchExtension: 'VMSwitchExtension',
};
// Types the stub left without properties; filled from the reference prose (and VMBootSource, which
// Get-VMFirmware returns in BootOrder). VMSecurity (Get-VMSecurity) and VMBios (Get-VMBios) are empty in
// the 2020 stub; their members are those of the later HyperVDsc stub generation of the same module.
const EXTRA = {
  VMSecurity: [['TpmEnabled', 'Boolean'], ['KsdEnabled', 'Boolean'], ['Shielded', 'Boolean'], ['EncryptStateAndVmMigrationTraffic', 'Boolean'], ['VirtualizationBasedSecurityOptOut', 'Boolean'], ['BindToHostTpm', 'Boolean'], ['CimSession', 'MMI.CimSession'], ['ComputerName', 'String'], ['IsDeleted', 'Boolean']],
  VMBios: [['NumLockEnabled', 'Boolean'], ['StartupOrder', 'BootDevice[]'], ['VMId', 'Guid'], ['VMName', 'String'], ['VMSnapshotId', 'Guid'], ['VMSnapshotName', 'String'], ['CimSession', 'MMI.CimSession'], ['ComputerName', 'String'], ['IsDeleted', 'Boolean']],
  VMNetworkAdapterBandwidthSetting: [['MinimumBandwidthAbsolute', 'Nullable<Int64>'], ['MinimumBandwidthWeight', 'Nullable<Int64>'], ['MaximumBandwidth', 'Nullable<Int64>'], ['ParentAdapter', 'VMNetworkAdapterBase'], ['IsTemplate', 'Boolean'], ['CimSession', 'MMI.CimSession'], ['ComputerName', 'String'], ['IsDeleted', 'Boolean']],
  VMPortAclMeteringReport: [['LocalAddress', 'String'], ['RemoteAddress', 'String'], ['Direction', 'VMNetworkAdapterAclDirection'], ['TotalTraffic', 'UInt64']],
  VHDMetrics: [['VirtualHardDisk', 'HardDiskDrive'], ['AverageNormalizedIOPS', 'Nullable<Int32>'], ['AverageLatency', 'Nullable<Int32>'], ['DataRead', 'Nullable<Int32>'], ['DataWritten', 'Nullable<Int32>'], ['NormalizedIOCount', 'Nullable<Int32>']],
  VMBootSource: [['BootType', 'String'], ['Description', 'String'], ['FirmwarePath', 'String'], ['Device', 'VMComponentObject']],
  VMComponentObject: [['Name', 'String'], ['Id', 'String'], ['VMId', 'Guid'], ['VMName', 'String'], ['VMSnapshotId', 'Guid'], ['VMSnapshotName', 'String'], ['CimSession', 'MMI.CimSession'], ['ComputerName', 'String'], ['IsDeleted', 'Boolean']],
};

function parseObjects(md) {
  const hvPart = md.split('## FailoverClusters objects')[0];
  const classes = new Map();
  const sections = hvPart.split(/\n### /).slice(1);
  for (const s of sections) {
    const tm = s.match(/Type: `([^`]+)`/);
    if (!tm) continue;
    const full = tm[1];
    const short = full.split('.').pop();
    const props = [];
    for (const line of s.split('\n')) {
      const m = line.match(/^\| (\w+) \| `([^`]+)` \|$/);
      if (m) props.push([m[1], m[2]]);
    }
    if (props.length) classes.set(short, { ns: full.slice(0, full.lastIndexOf('.')), props });
  }
  const enums = new Map();
  const enumPart = hvPart.split('## Enumerations')[1] ?? '';
  for (const line of enumPart.split('\n')) {
    const m = line.match(/^- `(\w+)`: (.+)$/);
    if (!m || enums.has(m[1])) continue; // the first definition wins (WaitVMTypes is listed twice)
    const members = m[2].split(', ').map((kv) => {
      const [k, v] = kv.trim().split('=');
      return [k, Number(v)];
    });
    if (members.every(([k, v]) => /^\w+$/.test(k) && Number.isFinite(v))) enums.set(m[1], members);
  }
  return { classes, enums };
}

export function renderTypes(md, cmdletMap) {
  const { classes, enums } = parseObjects(md);
  for (const [k, v] of Object.entries(EXTRA)) if (!classes.has(k)) classes.set(k, { ns: HV, props: v });
  // VirtualMachineBase / Drive: the properties their documented children share.
  const shared = (a, b) => classes.get(b).props.filter(([n, t]) => classes.get(a).props.some(([n2, t2]) => n2 === n && t2 === t));
  classes.set('VirtualMachineBase', { ns: HV, props: shared('VirtualMachine', 'VMSnapshot') });
  classes.set('Drive', { ns: HV, props: shared('HardDiskDrive', 'DvdDrive') });

  const stubs = new Set();
  const enumFull = (n) => `${ENUM_NS[n] ?? HV}.${n}`;
  function cs(t) {
    let m;
    if ((m = t.match(/^Nullable<(.+)>$/))) return `${cs(m[1])}?`;
    if ((m = t.match(/^(.+)\[\]$/))) return `${cs(m[1])}[]`;
    if ((m = t.match(/^(List|IReadOnlyList|IList|ICollection)<(.+)>$/))) return `System.Collections.Generic.${m[1]}<${cs(m[2])}>`;
    const prim = { String: 'string', Boolean: 'bool', Int32: 'int', Int64: 'long', UInt32: 'uint', UInt64: 'ulong', Guid: 'System.Guid', DateTime: 'System.DateTime', TimeSpan: 'System.TimeSpan', Version: 'System.Version', Object: 'object', 'Collections.Hashtable': 'System.Collections.Hashtable', 'MMI.CimSession': 'object', 'MMI.CimInstance': 'object' };
    if (prim[t]) return prim[t];
    const bare = t.replace(/^(Vhd|VCM)\./, '');
    if (enums.has(bare)) return enumFull(bare);
    if (classes.has(bare)) return `${classes.get(bare).ns}.${bare}`;
    stubs.add(`${t.startsWith('Vhd.') ? VHD : t.startsWith('VCM.') ? VCM : HV}.${bare}`);
    return `${t.startsWith('Vhd.') ? VHD : t.startsWith('VCM.') ? VCM : HV}.${bare}`;
  }
  // Every Microsoft.* class a cmdlet parameter names must exist too.
  for (const c of Object.values(cmdletMap)) {
    for (const list of Object.values(c.parameterSets ?? {})) {
      for (const p of list) {
        const t = p.type.replace(/^System\.Nullable\[(.+)\]$/, '$1').replace(/\[\]$/, '');
        if (!/^Microsoft\.(HyperV|Vhd|Virtualization)\./.test(t) || t.includes('+')) continue;
        const short = t.split('.').pop();
        if (!enums.has(short) && !classes.has(short)) stubs.add(t);
      }
    }
  }
  // Docs-derived cmdlets name some types without a namespace (the declarations map them into HV).
  stubs.add(`${HV}.VMHostPartitionableGpu`);
  for (const p of Object.keys(PARENTS)) if (!classes.has(p)) stubs.add(`${HV}.${p}`);
  for (const p of Object.values(PARENTS)) if (!classes.has(p)) stubs.add(`${HV}.${p}`);

  const byNs = new Map();
  const add = (ns, text) => {
    if (!byNs.has(ns)) byNs.set(ns, []);
    byNs.get(ns).push(text);
  };
  const nestedNames = new Set(Object.values(NESTED).flat());
  const renderEnum = (name, indent) =>
    `${indent}public enum ${name}\n${indent}{\n${enums
      .get(name)
      .map(([k, v]) => `${indent}    ${k} = ${v}`)
      .join(',\n')}\n${indent}}`;
  for (const name of [...enums.keys()].sort()) {
    if (nestedNames.has(name) && name !== 'WaitVMTypes') continue;
    add(ENUM_NS[name] ?? HV, renderEnum(name, '    '));
  }
  for (const [cls, members] of Object.entries(NESTED)) {
    const [sub, short] = cls.split('.');
    add(`${HV}.${sub}`, `    public class ${short}\n    {\n${members.map((m) => renderEnum(m, '        ')).join('\n')}\n    }`);
  }
  const STUB_PROPS = [['Name', 'String'], ['ComputerName', 'String'], ['IsDeleted', 'Boolean']];
  const allProps = (n) => (classes.has(n) ? classes.get(n).props : STUB_PROPS).map(([p]) => p);
  const inherited = (n) => {
    const out = new Set();
    for (let p = PARENTS[n]; p; p = PARENTS[p]) allProps(p).forEach((x) => out.add(x));
    return out;
  };
  const renderClass = (short, ns, props) => {
    const parent = PARENTS[short];
    const skip = inherited(short);
    const own = props.filter(([n]) => !skip.has(n));
    const body = own.map(([n, t]) => `        public ${cs(t)} ${n} { get; set; }`).join('\n');
    return `    public class ${short}${parent ? ` : ${HV}.${parent}` : ''}\n    {\n${body}${body ? '\n' : ''}    }`;
  };
  for (const short of [...classes.keys()].sort()) {
    const { ns, props } = classes.get(short);
    add(ns, renderClass(short, ns, props));
  }
  // cs() above may have added stubs while rendering classes; render them last.
  for (const full of [...stubs].sort()) {
    const ns = full.slice(0, full.lastIndexOf('.'));
    const short = full.slice(full.lastIndexOf('.') + 1);
    if (classes.has(short)) continue;
    add(ns, renderClass(short, ns, STUB_PROPS));
  }
  const head = '// GENERATED by scripts/gen-lab-declarations.mjs from shared/reference/hyperv-objects.md. Do not edit.\n';
  const nsText = [...byNs.keys()]
    .sort()
    .map((ns) => `namespace ${ns}\n{\n${byNs.get(ns).join('\n\n')}\n}`)
    .join('\n\n');
  return `${head}${nsText}\n`;
}
