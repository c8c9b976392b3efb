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

// ---- FailoverClusters (Microsoft.FailoverClusters.PowerShell) ----------------------------------------------
// From hyperv-objects.md '## FailoverClusters objects' (property tables and the enum list) and hyperv-objects-2.md
// §2 (prose: 'UInt32 unless noted: A, B.', '`Role` ClusterNetworkRole (None=0, ...)', '`X` A=0, B=1;'). Where the
// prose names a property without its type, or a type without its values, FC_HINTS / FC_ENUM_EXTRA give them from
// the same source the reference cites (FCSTUB: the FailoverClusters 2.0.0.0 stub, dsccommunity/FailoverClusterDsc).
const FC = 'Microsoft.FailoverClusters.PowerShell';
const FC_NATIVE = 'Microsoft.FailoverClusters.NativeHelp';
// Property types the prose leaves out (a bare `Cluster`, `Description`...), by name, then by class.Name.
const FC_HINTS = {
  Cluster: 'Cluster', Description: 'String', Id: 'String', Name: 'String', Node: 'String', Adapter: 'String',
  AdapterId: 'String', Address: 'String', Ipv4Addresses: 'Object', Ipv6Addresses: 'Object', Ipv4PrefixLengths: 'Object',
  Ipv6PrefixLengths: 'Object', VolumeFriendlyName: 'String', VolumeName: 'String', ClusterObject: 'ClusterObject',
  IsReadOnly: 'Boolean', Value: 'Object', S2DCacheBehavior: 'S2DCacheBehavior', S2DCacheDesiredState: 'S2DCacheState',
  'ClusterSharedVolumeStateInfo.BlockRedirectedIOReason': 'ClusterSharedVolumeBlockRedirectedIOReason',
  'ClusterSharedVolumeStateInfo.FileSystemRedirectedIOReason': 'ClusterSharedVolumeFileSystemRedirectedIOReasons',
  'ClusterQuorumSettings.QuorumType': 'ClusterQuorumType', 'ClusterParameter.ParameterType': 'ClusterParameterType',
};
// Classes §2 describes in a list rather than a sentence per property, with the types FCSTUB gives them.
const FC_CLASSES = {
  ClusterResourceType: [['AdminExtensions', 'Object'], ['Characteristics', 'ClusterResourceAndResourceTypeCharacteristics'], ['Cluster', 'Cluster'], ['DeadlockTimeout', 'UInt32'], ['Description', 'String'], ['DisplayName', 'String'], ['DllName', 'String'], ['DumpLogQuery', 'Object'], ['DumpPolicy', 'UInt64'], ['DumpServices', 'Object'], ['EnabledEventLogs', 'Object'], ['WprStartAfter', 'UInt64'], ['WprProfiles', 'Object'], ['Id', 'String'], ['IsAlivePollInterval', 'UInt32'], ['LooksAlivePollInterval', 'UInt32'], ['MaximumMonitors', 'UInt32'], ['Name', 'String'], ['PendingTimeout', 'UInt32']],
  ClusterOwnerNodeList: [['ClusterObject', 'ClusterObject'], ['OwnerNodes', 'ICollection<ClusterNode>']],
  ClusterResourceDependency: [['Resource', 'ClusterResource'], ['DependencyExpression', 'String']],
  ClusterDiskInfo: [['Cluster', 'Cluster'], ['Id', 'String'], ['Name', 'String'], ['Number', 'UInt32'], ['Size', 'UInt64'], ['Partitions', 'ClusterDiskPartitionInfo[]']],
  // SharedVolumeInfo members (§2 'medium': what public scripts read).
  // MaintenanceMode, RedirectedAccess and the partition's FileSystem: members of the real objects the lab fills too.
  ClusterSharedVolumeInfo: [['FriendlyVolumeName', 'String'], ['Partition', 'ClusterDiskPartitionInfo'], ['MaintenanceMode', 'Boolean'], ['RedirectedAccess', 'Boolean']],
  ClusterDiskPartitionInfo: [['Name', 'String'], ['FileSystem', 'String'], ['Size', 'UInt64'], ['FreeSpace', 'UInt64'], ['UsedSpace', 'UInt64'], ['PercentFree', 'Double']],
  // Output types of Get-ClusterCheckpoint, Get-ClusterAccess, Test-Cluster -List (FCSTUB; not described in the reference).
  ClusterRegistryCheckpoint: [['Resource', 'ClusterResource'], ['Name', 'String']],
  ClusterCryptoCheckpoint: [['Resource', 'ClusterResource'], ['Key', 'String'], ['CryptoType', 'String'], ['Name', 'String']],
  ClusterAccessRule: [['Cluster', 'Cluster'], ['AccessControlType', 'System.Security.AccessControl.AccessControlType'], ['ClusterRights', 'ClusterRights'], ['IdentityReference', 'System.Security.Principal.IdentityReference']],
  ClusterTestInfo: [['Category', 'String'], ['DisplayName', 'String'], ['Description', 'String']],
  ClusterObject: [],
};
// Enums the reference names (as property types) without values, and the real names of two it calls 'flags'.
const FC_ENUM_EXTRA = {
  AdminAccessPointResType: [['Automatic', 0], ['Singleton', 1], ['Distributed', 2]],
  NodeType: [['Node', 0], ['StorageNode', 1]],
  NodeCloudType: [['None', 0], ['Azure', 1], ['Unknown', -1]],
  ClusterCloudType: [['None', 0], ['Azure', 1], ['Mixed', 128], ['Unknown', -1]],
  ClusterApplicationStatusInformation: [['Locked', 1], ['Preempted', 2], ['Queued', 4], ['PhysicalResourcesLacking', 8], ['WaitingToStart', 16], ['EmbeddedFailure', 32], ['OfflineAntiAffinityConflict', 64], ['NetworkFailure', 128], ['Unmonitored', 256], ['WaitingForDependencies', 4096]],
  ClusterResourceAndResourceTypeCharacteristics: [['Quorum', 1], ['DeleteRequiresAllNodes', 2], ['LocalQuorum', 4], ['LocalQuorumDebug', 8], ['RequiresStateChangeReason', 16], ['BroadcastDelete', 32], ['SingleClusterInstance', 64], ['SingleGroupInstance', 128], ['SharedVolumeCompatible', 256], ['PlacementAware', 512], ['MonitorDetach', 1024], ['MonitorReattach', 2048], ['OperationContext', 4096], ['Clones', 8192], ['NotPreemptable', 16384], ['NotifyNewOwner', 32768], ['SupportsUnmonitoredState', 65536], ['Infrastructure', 131072], ['CheckDrainVeto', 262144]],
  S2DCacheBehavior: [['Dormant', 1], ['SkipSpindlePartitionsRemovalOnDisable', 2], ['SkipFlashPartitionsRemovalOnDisable', 4], ['CacheModeHddRead', 8], ['CacheModeHddWrite', 16], ['CacheModeSsdread', 32], ['CacheModeSsdWrite', 64], ['Default', 88], ['UseScmForCapacity', 128]],
  S2DCacheState: [['Disabled', 0], ['Enabled', 2], ['ReadOnly', 4], ['ReadWrite', 12], ['Provisioning', 14], ['ProvisioningFlash', 15], ['ProvisioningSpinningMedia', 20], ['Disabling', 120], ['Dormant', 200], ['IneligibleNoDisks', 1001], ['IneligibleNoFlash', 1002], ['IneligibleNotMixedMedia', 1003]],
};
// §2 writes these value lists after a property name; the enum's real name differs.
const FC_ENUM_RENAME = { BlockRedirectedIOReason: 'ClusterSharedVolumeBlockRedirectedIOReason', FileSystemRedirectedIOReason: 'ClusterSharedVolumeFileSystemRedirectedIOReasons', QuorumType: 'ClusterQuorumType', ParameterType: 'ClusterParameterType', StateInfo: 'ClusterSharedVolumeState' };
const FC_FLAGS = new Set(['ClusterNodeStatusInformation', 'ClusterResourceStatusInformation', 'ClusterApplicationStatusInformation', 'ClusterResourceAndResourceTypeCharacteristics', 'S2DCacheBehavior', 'ClusterSharedVolumeBlockRedirectedIOReason', 'ClusterSharedVolumeFileSystemRedirectedIOReasons']);
const FC_UNDERLYING = { GroupType: 'uint', ClusterApplicationStatusInformation: 'ulong', ClusterResourceStatusInformation: 'ulong', S2DCacheBehavior: 'ulong' };
// The objects a ClusterParameter / ClusterOwnerNodeList points at (its ClusterObject) share the real base class.
const FC_PARENTS = Object.fromEntries(['Cluster', 'ClusterNode', 'ClusterGroup', 'ClusterResource', 'ClusterResourceType', 'ClusterSharedVolume', 'ClusterNetwork', 'ClusterNetworkInterface'].map((c) => [c, 'ClusterObject']));
// What a class prints as when it has no Name (SharedVolumeInfo prints its mount path).
const FC_TOSTRING = { ClusterSharedVolumeInfo: 'FriendlyVolumeName' };
// Nested in a class of another namespace, as the parameter type names it (Move-ClusterVirtualMachineRole -MigrationType).
const FC_NESTED = { VmMigrationType: `${FC_NATIVE}.NativeGroupHelp` };

function parseValueList(text) {
  const members = text.split(/,\s*/).map((kv) => kv.trim().split('='));
  if (!members.every(([k, v]) => /^\w+$/.test(k ?? '') && /^-?\d+$/.test(v ?? ''))) return null;
  return members.map(([k, v]) => [k, Number(v)]);
}

/** The FailoverClusters classes (short name -> [[prop, type]]) and enums (short name -> [[member, value]]). */
export function parseClusterObjects(md, md2) {
  const classes = new Map();
  const enums = new Map();
  const fcPart = md.split('## FailoverClusters objects')[1] ?? '';
  for (const s of fcPart.split(/\n### /).slice(1)) {
    const tm = s.match(/Type: `([^`]+)`/);
    if (!tm) continue;
    const props = [];
    for (const line of s.split('\n')) {
      const m = line.match(/^\| (\w+) \| `([^`]+)` \|$/);
      if (m) props.push([m[1], m[2]]);
    }
    classes.set(tm[1].split('.').pop(), props);
  }
  for (const line of fcPart.split('\n')) {
    const m = line.match(/^- `(\w+)`: ([^(]+?)\s*(\(.*)?$/);
    const members = m && parseValueList(m[2]);
    if (members) enums.set(m[1], members);
  }
  const sec2 = (md2.split('## 2. FailoverClusters')[1] ?? '').split('\n## ')[0];
  // Enums written after a type name or a property: 'Role` ClusterNetworkRole (None=0, ...)', '`QuorumType` (Unknown=0, ...)'.
  for (const m of sec2.matchAll(/(`?)(?:Nullable<)?(\w+)>?`?(?: flags)? \(([^()]*=[^()]*)\)/g)) {
    const members = parseValueList(m[3]);
    if (!members) continue;
    const name = FC_ENUM_RENAME[m[2]] ?? m[2];
    if (m[1] === '`' && !FC_ENUM_RENAME[m[2]]) continue; // a property name whose enum type precedes nothing: skip
    if (!enums.has(name)) enums.set(name, members);
  }
  // Flag enums listed as '`Name` A=0, B=1;'.
  for (const m of sec2.matchAll(/`(\w+)` ((?:\w+=-?\d+(?:, )?)+)(?=[;.\n]|$)/g)) {
    const members = parseValueList(m[2]);
    if (members && !enums.has(m[1])) enums.set(m[1], members);
  }
  for (const [k, v] of Object.entries(FC_ENUM_EXTRA)) if (!enums.has(k)) enums.set(k, v);
  // Classes in §2: '### Name (...) — FCSTUB' paragraphs of '`Prop`[, `Prop`] [Type] [(values)]' items.
  const typeOf = (cls, prop, given) => given ?? FC_HINTS[`${cls}.${prop}`] ?? FC_HINTS[prop];
  const parseItems = (cls, text) => {
    const props = [];
    let pending = [];
    for (const item of text.split(/,\s*(?![^()]*\))/)) {
      const m = item.trim().match(/^`(\w+)`(?:\s+([\w<>[\].]+))?/);
      if (!m) continue;
      let t = m[2] && m[2] !== 'flags' ? m[2] : undefined;
      if (!t && /\(Object\)/.test(item)) t = 'Object';
      pending.push(m[1]);
      if (t) {
        // 'A, B String': a type after a run of bare names applies to those without a hint of their own.
        for (const p of pending) props.push([p, p === m[1] ? typeOf(cls, p, t) : (typeOf(cls, p) ?? t)]);
        pending = [];
      }
    }
    for (const p of pending) props.push([p, typeOf(cls, p, FC_ENUM_RENAME[p]) ?? 'Object']);
    return props;
  };
  for (const s of sec2.split(/\n### /).slice(1)) {
    const head = s.split('\n')[0];
    const name = head.match(/^(\w+)/)?.[1];
    if (!name || !/FCSTUB/.test(head) || name === 'Cluster' || name === 'Other') continue;
    classes.set(name, parseItems(name, s.split('\n').slice(1).join(' ')));
  }
  // Cluster: 'UInt32 unless noted: A, B, ....' then 'Others: Names Type (values); ...'.
  const cl = sec2.split('### Cluster (Get-Cluster)')[1]?.split('\n### ')[0] ?? '';
  const props = [];
  for (const p of (cl.match(/UInt32 unless noted: ([^.]+)\./)?.[1] ?? '').split(/,\s*/)) props.push([p.trim(), 'UInt32']);
  for (const seg of (cl.match(/Others: ([^\n]+)/)?.[1] ?? '').replace(/\.$/, '').split(/;\s*/)) {
    const words = seg.replace(/\([^)]*\)/g, '').replace(/,/g, ' ').trim().split(/\s+/);
    const last = words[words.length - 1];
    const typed = words.length > 1 && !FC_HINTS[last] ? last : null;
    for (const w of typed ? words.slice(0, -1) : words) props.push([w, typed ?? FC_HINTS[w] ?? 'Object']);
  }
  classes.set('Cluster', props);
  // 'Other cluster types' bullets: '`ClusterQuorumSettings`: `Cluster`, `QuorumResource` ClusterResource, ...'.
  const other = sec2.split('### Other cluster types')[1] ?? '';
  for (const m of other.matchAll(/^- `(\w+)`(?: \([^)]*\))?: (.+)$/gm)) {
    if (FC_CLASSES[m[1]]) continue;
    classes.set(m[1], parseItems(m[1], m[2].replace(/\.$/, '')));
  }
  for (const [k, v] of Object.entries(FC_CLASSES)) classes.set(k, v);
  return { classes, enums };
}

/** Full .NET names of the FailoverClusters types the generated Types.cs defines (for the declarations). */
export function clusterTypeNames(md, md2) {
  const { classes, enums } = parseClusterObjects(md, md2);
  const out = new Map();
  for (const c of classes.keys()) out.set(`${FC}.${c}`, { kind: 'class' });
  for (const [e, members] of enums) out.set(FC_NESTED[e] ? `${FC_NESTED[e]}+${e}` : `${FC}.${e}`, { kind: 'enum', members: members.map(([k]) => k) });
  return out;
}

export function renderClusterTypes(md, md2) {
  const { classes, enums } = parseClusterObjects(md, md2);
  function cs(t) {
    let m;
    if ((m = t.match(/^Nullable<(.+)>$/))) return `${cs(m[1])}?`;
    if ((m = t.match(/^(.+)\[\]$/))) return `${cs(m[1])}[]`;
    if ((m = t.match(/^(List|IReadOnlyList|IList|ICollection)<(.+)>$/))) return `System.Collections.Generic.${m[1]}<${cs(m[2])}>`;
    const prim = { String: 'string', Boolean: 'bool', Int32: 'int', Int64: 'long', UInt32: 'uint', UInt64: 'ulong', Double: 'double', Byte: 'byte', Guid: 'System.Guid', DateTime: 'System.DateTime', Object: 'object' };
    if (prim[t]) return prim[t];
    if (/^System\./.test(t)) return t;
    if (enums.has(t) || classes.has(t)) return `${FC}.${t}`;
    throw new Error(`FailoverClusters types: unknown type '${t}'`);
  }
  const renderEnum = (name, indent) => {
    const flags = FC_FLAGS.has(name) ? `${indent}[System.Flags]\n` : '';
    const base = FC_UNDERLYING[name] ? ` : ${FC_UNDERLYING[name]}` : '';
    const body = enums.get(name).map(([k, v]) => `${indent}    ${k} = ${v}`).join(',\n');
    return `${flags}${indent}public enum ${name}${base}\n${indent}{\n${body}\n${indent}}`;
  };
  const parts = [];
  for (const name of [...enums.keys()].sort()) if (!FC_NESTED[name]) parts.push(renderEnum(name, '    '));
  for (const name of [...classes.keys()].sort()) {
    const props = classes.get(name);
    const body = props.map(([n, t]) => `        public ${cs(t)} ${n} { get; set; }`);
    // Cluster objects print as their name (a ClusterGroup's OwnerNode column, "$node" in a message).
    const shown = FC_TOSTRING[name] ?? (props.some(([n, t]) => n === 'Name' && t === 'String') ? 'Name' : null);
    if (shown) body.push(`        public override string ToString() { return ${shown}; }`);
    const base = FC_PARENTS[name] ? ` : ${FC}.${FC_PARENTS[name]}` : '';
    parts.push(`    public class ${name}${base}\n    {\n${body.join('\n')}${body.length ? '\n' : ''}    }`);
  }
  // The module's error: its failures are ClusterCmdletException records (category NotSpecified).
  parts.push(
    '    public class ClusterCmdletException : System.Exception\n    {\n' +
      '        public ClusterCmdletException(string message) : base(message) { }\n' +
      '        public ClusterCmdletException(string message, System.Exception inner) : base(message, inner) { }\n    }',
  );
  const nested = Object.entries(FC_NESTED).filter(([e]) => enums.has(e));
  const nativeText = nested
    .map(([e, owner]) => {
      const ns = owner.slice(0, owner.lastIndexOf('.'));
      const cls = owner.slice(owner.lastIndexOf('.') + 1);
      return `namespace ${ns}\n{\n    public class ${cls}\n    {\n${renderEnum(e, '        ')}\n    }\n}`;
    })
    .join('\n\n');
  const head =
    '// GENERATED by scripts/gen-lab-declarations.mjs from shared/reference/hyperv-objects.md (FailoverClusters objects)\n' +
    '// and hyperv-objects-2.md §2. Do not edit. C# 5 (Windows PowerShell 5.1).\n';
  return `${head}namespace ${FC}\n{\n${parts.join('\n\n')}\n}\n${nativeText ? `\n${nativeText}\n` : ''}`;
}
