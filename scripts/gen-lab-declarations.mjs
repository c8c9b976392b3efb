// Generates the lab modules' cmdlet declarations and .NET types from the shared reference:
//   test/support/reference/hyperv-cmdlets.json -> assets/lab/modules/<M>/generated/<M>.Commands.ps1 (+ <M>.psd1)
//   test/support/reference/hyperv-objects.md   -> assets/lab/modules/<M>/generated/<M>.Types.cs (enums + classes)
// Each generated function only declares the real parameter sets and dispatches to Invoke-LabCmdlet, so a call
// that would not bind on a real host does not bind in the lab. `--check` exits 1 when committed output is stale.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { clusterTypeNames, renderClusterTypes, renderTypes } from './gen-lab-types.mjs';
import { paramAttrs, q } from './lib/ps-declarations.mjs';

const root = resolve(import.meta.dirname, '..');
// The repo carries its own copy of the reference (test/support/reference) so a clean clone is self-contained.
const refDir = [join(root, 'test', 'support', 'reference'), join(root, '..', 'shared', 'reference')].find(
  (d) => existsSync(join(d, 'hyperv-cmdlets.json')) && existsSync(join(d, 'hyperv-objects.md')),
);
if (!refDir) {
  console.error('gen-lab-declarations: test/support/reference/hyperv-cmdlets.json (and hyperv-objects.md) not found');
  process.exit(2);
}
const cmdlets = JSON.parse(readFileSync(join(refDir, 'hyperv-cmdlets.json'), 'utf8'));
const objectsMd = readFileSync(join(refDir, 'hyperv-objects.md'), 'utf8');
const objects2Md = readFileSync(join(refDir, 'hyperv-objects-2.md'), 'utf8');
// The FailoverClusters .NET types generated/FailoverClusters.Types.cs defines (full name -> class | enum + members).
const clusterTypes = clusterTypeNames(objectsMd, objects2Md);

// Modules the lab ships. Later issues add entries (FailoverClusters, Storage, ...); each gets its own folder.
// cdxml: the module is cmdletized CIM (CimSession/ThrottleLimit/AsJob on every set, no automatic positions).
// Versions/GUIDs: Hyper-V and FailoverClusters as their Server 2022 manifests; the CDXML ones are provisional
// (see the report of issue #15) until checked against a Server 2022 host.
const MODULES = [
  { name: 'Hyper-V', version: '2.0.0.0', guid: 'af4bddd0-8583-4ff2-84b2-a33f5c8de8a7', types: true },
  { name: 'FailoverClusters', version: '2.0.0.0', guid: '4a32b8ba-1d9c-4a7b-b2c4-2f0d2b3f3b14', types: true, probe: 'Microsoft.FailoverClusters.PowerShell.ClusterNode' },
  { name: 'Storage', version: '2.0.0.0', guid: '41486f7d-842f-40f1-ace6-8c4d1d7ce0b2', cdxml: true },
  { name: 'SmbShare', version: '2.0.0.0', guid: 'a3a7c4b2-7e2e-4c3e-9a3c-0f1d5e5c1a01', cdxml: true },
  { name: 'Deduplication', version: '2.0.0.0', guid: 'a3a7c4b2-7e2e-4c3e-9a3c-0f1d5e5c1a02', cdxml: true },
  { name: 'NetAdapter', version: '2.0.0.0', guid: 'a3a7c4b2-7e2e-4c3e-9a3c-0f1d5e5c1a03', cdxml: true },
  { name: 'NetLbfo', version: '2.0.0.0', guid: 'a3a7c4b2-7e2e-4c3e-9a3c-0f1d5e5c1a04', cdxml: true },
  { name: 'NetWNV', version: '2.0.0.0', guid: 'a3a7c4b2-7e2e-4c3e-9a3c-0f1d5e5c1a05', cdxml: true },
];

// CDXML adds these to every set; some docs-derived entries omit them, so the generator adds them as CDXML does.
const CDXML_COMMON = [
  { name: 'CimSession', type: 'CimSession[]', mandatory: false, position: null, aliases: ['Session'] },
  { name: 'ThrottleLimit', type: 'Int32', mandatory: false, position: null },
  { name: 'AsJob', type: 'SwitchParameter', mandatory: false, position: null },
];
export function withCdxmlCommon(c) {
  const sets = {};
  for (const [s, list] of Object.entries(c.parameterSets ?? {})) {
    const have = new Set(list.map((p) => p.name.toLowerCase()));
    sets[s] = [...list, ...CDXML_COMMON.filter((p) => !have.has(p.name.toLowerCase()))];
  }
  return { ...c, parameterSets: sets };
}


/** Reference type text -> PowerShell type literal (without brackets). */
function psType(t) {
  const map = {
    SwitchParameter: 'switch', String: 'string', 'String[]': 'string[]', UInt16: 'uint16',
    'PSCredential[]': 'pscredential[]', CimSession: 'Microsoft.Management.Infrastructure.CimSession',
    'CimSession[]': 'Microsoft.Management.Infrastructure.CimSession[]', ciminstance: 'ciminstance',
    'ciminstance[]': 'ciminstance[]', 'VMHostPartitionableGpu[]': 'Microsoft.HyperV.PowerShell.VMHostPartitionableGpu[]',
  };
  if (map[t]) return map[t];
  if (legacyTypes) return t;
  const prim = { 'String[]': 'string[]', Int32: 'int', 'Int32[]': 'int[]', UInt32: 'uint32', 'UInt32[]': 'uint32[]', 'UInt16[]': 'uint16[]', UInt64: 'uint64', 'UInt64[]': 'uint64[]', Boolean: 'bool', 'Boolean[]': 'bool[]', Byte: 'byte', 'Byte[]': 'byte[]', 'CimInstance': 'ciminstance', 'CimInstance[]': 'ciminstance[]', WildcardPattern: 'string', 'WildcardPattern[]': 'string[]', ulong: 'uint64', 'ulong[]': 'uint64[]', ushort: 'uint16', 'ushort[]': 'uint16[]', uint: 'uint32', 'uint[]': 'uint32[]' };
  if (prim[t]) return prim[t];
  const bare = t.replace(/^System\./, '').replace(/^Microsoft\.Management\.Automation\./, '');
  if (bare !== t) return psType(bare);
  return t;
}

// Types the lab does not (yet) define as .NET types: generated CDXML enums and FailoverClusters classes.
// Enum-typed parameters become strings limited to the real names (the numeric value is not accepted yet).
let legacyTypes = false; // Hyper-V: its own Types.cs defines every type it names
function labType(p) {
  const t = psType(p.type);
  if (legacyTypes) return { type: t };
  // A real CimInstance needs the native MI library, absent on Linux: the lab's CIM objects (core/lab-cim.ps1) are
  // PSObjects carrying the real type names, so [PSTypeName(...)] over [psobject] binds them as a host binds its own.
  if (/^ciminstance(\[\])?$/i.test(t)) return { type: t.toLowerCase().replace('ciminstance', 'psobject') };
  // FailoverClusters classes and enums are real types (generated/FailoverClusters.Types.cs): a numeric value binds
  // to an enum parameter as on a host. A ValidateSet stays only where the reference accepts fewer names than the enum has.
  const fc = clusterTypes.get(t.replace(/\[\]$/, ''));
  if (fc) {
    const subset = fc.kind === 'enum' && p.enumValues?.length && p.enumValues.length < fc.members.length;
    return subset ? { type: t, validateSet: p.enumValues } : { type: t };
  }
  const known = /^(switch|string|int|uint16|uint32|uint64|byte|bool|char|guid|hashtable|psobject|securestring|pscredential|datetime|ciminstance|System\.Object|System\.Collections\.Specialized\.StringCollection|System\.DateTime|System\.DayOfWeek|Microsoft\.Management\.Infrastructure\.CimSession|Microsoft\.HyperV\.[\w.]+|Microsoft\.Vhd\.[\w.]+|Microsoft\.Virtualization\.[\w.]+|System\.Nullable\[\w+\]|long|ulong)(\[\])?$/i;
  // The docs' "accepted values" of a plain-typed parameter come from its ValidateSet (Set-SmbServerConfiguration
  // -SmbServerNameHardeningLevel 0, 1, 2).
  if (known.test(t)) return p.enumValues?.length && !/^(switch|bool)/i.test(t) ? { type: t, validateSet: p.enumValues } : { type: t };
  const arr = t.endsWith('[]');
  if (p.enumValues && p.enumValues.length) return { type: arr ? 'string[]' : 'string', validateSet: p.enumValues };
  return { type: arr ? 'psobject[]' : 'psobject' };
}


function renderFunction(name, c) {
  const sets = Object.entries(c.parameterSets ?? {});
  const single = sets.length === 1 && sets[0][0] === '__AllParameterSets';
  // Collect each parameter's appearances, keeping first-seen order.
  const params = new Map();
  for (const [setName, list] of sets) {
    for (const p of list) {
      if (!params.has(p.name)) params.set(p.name, { first: p, per: [] });
      const e = params.get(p.name);
      if (labType(e.first).type !== labType(p).type) throw new Error(`${name} -${p.name}: type differs across sets`);
      e.per.push([setName, p]);
    }
  }
  const binding = [];
  if (c.defaultParameterSet) binding.push(`DefaultParameterSetName = ${q(c.defaultParameterSet)}`);
  if (c.supportsShouldProcess) binding.push('SupportsShouldProcess = $true');
  if (c.confirmImpact) binding.push(`ConfirmImpact = ${q(c.confirmImpact)}`);
  // Compiled cmdlets never auto-assign positions; functions would unless told not to.
  binding.push('PositionalBinding = $false');
  const out = [`function ${name} {`, `    [CmdletBinding(${binding.join(', ')})]`];
  for (const t of c.outputTypes ?? []) out.push(`    [OutputType(${q(t)})]`);
  out.push('    param(');
  const blocks = [];
  const collapsible = (e) =>
    e.per.length === sets.length && e.per.every(([, p]) => paramAttrs(p, null) === paramAttrs(e.first, null));
  // A set exists only if some parameter names it (or it is the default): when every parameter of a non-default set
  // is in all sets alike (New-ClusterNameAccount's Credentials set), the attributes stay per set.
  const orphan = sets.some(
    ([setName]) =>
      setName !== c.defaultParameterSet &&
      [...params.values()].every((e) => collapsible(e) || !e.per.some(([s]) => s === setName)),
  );
  for (const [pname, e] of params) {
    const lines = [];
    const sameEverywhere = single || (!orphan && collapsible(e));
    if (sameEverywhere) lines.push(`        ${paramAttrs(e.first, null)}`);
    else for (const [setName, p] of e.per) lines.push(`        ${paramAttrs(p, setName)}`);
    const aliases = [...new Set(e.per.flatMap(([, p]) => p.aliases ?? []))];
    if (aliases.length) lines.push(`        [Alias(${aliases.map(q).join(', ')})]`);
    const lt = labType(e.first);
    const vs = e.first.validateSet ?? lt.validateSet;
    if (vs && vs.length) lines.push(`        [ValidateSet(${vs.map(q).join(', ')})]`);
    const vr = e.first.validateRange;
    if (vr) lines.push(`        [ValidateRange(${vr[0]}, ${vr[1]})]`);
    if (e.first.psTypeName) lines.push(`        [PSTypeName(${q(e.first.psTypeName)})]`);
    lines.push(`        [${lt.type}]`);
    lines.push(`        \${${pname}}`);
    blocks.push(lines.join('\n'));
  }
  out.push(blocks.join(',\n\n'));
  out.push('    )');
  out.push(`    begin { $__lab = New-LabInvocation ${q(name)} $PSCmdlet }`);
  out.push('    process { Invoke-LabCmdlet $__lab $PSBoundParameters }');
  out.push('    end { Complete-LabInvocation $__lab }');
  out.push('}');
  return out.join('\n');
}

function renderPsm1(mod) {
  return `# GENERATED by scripts/gen-lab-declarations.mjs. Do not edit.
# Hyperdesk lab: the ${mod.name} module, laid out as Hyper-V.psm1: shared core, the module's own impl/*.ps1
# (registered with Register-LabImpl), then the generated declarations. PowerShell autoloads it from PSModulePath.
Set-StrictMode -Version Latest

$script:LabCoreDir = Join-Path (Split-Path (Split-Path $PSScriptRoot -Parent) -Parent) 'core'
. (Join-Path $script:LabCoreDir 'lab-types.ps1')
Import-LabTypes -Name 'lab-core' -SourceFiles @(Join-Path $script:LabCoreDir 'LabRuntime.cs') -ProbeType 'Hyperdesk.Lab.LabJob'
${mod.types ? `Import-LabTypes -Name '${mod.name.toLowerCase()}' -SourceFiles @(Join-Path $PSScriptRoot 'generated/${mod.name}.Types.cs') -ProbeType '${mod.probe}'
` : ''}. (Join-Path $script:LabCoreDir 'lab-state.ps1')
. (Join-Path $script:LabCoreDir 'lab-world.ps1')
. (Join-Path $script:LabCoreDir 'lab-dispatch.ps1')
if (Test-Path -LiteralPath (Join-Path $script:LabCoreDir 'lab-cim.ps1')) { . (Join-Path $script:LabCoreDir 'lab-cim.ps1') }
$implDir = Join-Path $PSScriptRoot 'impl'
if ([IO.Directory]::Exists($implDir)) { foreach ($f in [IO.Directory]::GetFiles($implDir, '*.ps1')) { . $f } }
. (Join-Path $PSScriptRoot 'generated/${mod.name}.Commands.ps1')

$manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $PSScriptRoot '${mod.name}.psd1')
Export-ModuleMember -Function $manifest.FunctionsToExport -Alias $manifest.AliasesToExport
`;
}

function renderModule(mod) {
  legacyTypes = mod.name === 'Hyper-V';
  const raw = cmdlets[mod.name];
  const all = mod.cdxml ? Object.fromEntries(Object.entries(raw).map(([n, c]) => [n, c.aliasOf ? c : withCdxmlCommon(c)])) : raw;
  const names = Object.keys(all).sort();
  const functions = names.filter((n) => !all[n].aliasOf);
  const aliases = names.filter((n) => all[n].aliasOf);
  const header =
    '# GENERATED by scripts/gen-lab-declarations.mjs from shared/reference/hyperv-cmdlets.json. Do not edit.\n' +
    '# Every function declares the real parameter sets and only dispatches to the lab implementation.\n';
  const body = functions.map((n) => renderFunction(n, all[n])).join('\n\n');
  const aliasLines = aliases.map((a) => `Set-Alias -Name ${q(a)} -Value ${q(all[a].aliasOf)}`).join('\n');
  const commands = `${header}\n${body}\n\n${aliasLines}\n`;
  const psd1 = [
    '# GENERATED by scripts/gen-lab-declarations.mjs. Do not edit.',
    '@{',
    `    RootModule = '${mod.name}.psm1'`,
    `    ModuleVersion = '${mod.version}'`,
    `    GUID = '${mod.guid}'`,
    "    Author = 'Hyperdesk lab'",
    `    Description = 'Hyperdesk lab simulation of the ${mod.name} module'`,
    "    PowerShellVersion = '5.1'",
    "    CompatiblePSEditions = @('Desktop', 'Core')",
    `    FunctionsToExport = @(\n${functions.map((f) => `        ${q(f)}`).join(',\n')}\n    )`,
    // The module's default table views (hand-written beside the .psd1), so the lab terminal prints as a host does.
    ...(existsSync(join(root, `assets/lab/modules/${mod.name}/${mod.name}.Format.ps1xml`))
      ? [`    FormatsToProcess = @('${mod.name}.Format.ps1xml')`]
      : []),
    "    CmdletsToExport = @()",
    "    VariablesToExport = @()",
    `    AliasesToExport = @(${aliases.map(q).join(', ')})`,
    '}',
    '',
  ].join('\n');
  const files = [
    [`assets/lab/modules/${mod.name}/generated/${mod.name}.Commands.ps1`, commands],
    [`assets/lab/modules/${mod.name}/${mod.name}.psd1`, psd1],
  ];
  if (mod.name !== 'Hyper-V') files.push([`assets/lab/modules/${mod.name}/${mod.name}.psm1`, renderPsm1(mod)]);
  if (mod.types) {
    const cs = mod.name === 'FailoverClusters' ? renderClusterTypes(objectsMd, objects2Md) : renderTypes(objectsMd, all);
    files.push([`assets/lab/modules/${mod.name}/generated/${mod.name}.Types.cs`, cs]);
  }
  return files;
}

const check = process.argv.includes('--check');
let stale = 0;
for (const mod of MODULES) {
  for (const [rel, text] of renderModule(mod)) {
    const abs = join(root, rel);
    const current = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
    if (current === text) continue;
    if (check) {
      console.error(`stale: ${rel} (run npm run gen:lab)`);
      stale += 1;
    } else {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      console.log(`wrote ${rel}`);
    }
  }
}
if (check && stale) process.exit(1);
if (check) console.log('lab declarations up to date');
