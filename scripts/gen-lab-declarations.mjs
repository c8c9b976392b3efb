// Generates the lab modules' cmdlet declarations and .NET types from the shared reference:
//   test/support/reference/hyperv-cmdlets.json -> assets/lab/modules/<M>/generated/<M>.Commands.ps1 (+ <M>.psd1)
//   test/support/reference/hyperv-objects.md   -> assets/lab/modules/<M>/generated/<M>.Types.cs (enums + classes)
// Each generated function only declares the real parameter sets and dispatches to Invoke-LabCmdlet, so a call
// that would not bind on a real host does not bind in the lab. `--check` exits 1 when committed output is stale.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { renderTypes } from './gen-lab-types.mjs';
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

// Modules the lab ships. Later issues add entries (FailoverClusters, Storage, ...); each gets its own folder.
const MODULES = [{ name: 'Hyper-V', version: '2.0.0.0', guid: 'af4bddd0-8583-4ff2-84b2-a33f5c8de8a7', types: true }];


/** Reference type text -> PowerShell type literal (without brackets). */
function psType(t) {
  const map = {
    SwitchParameter: 'switch', String: 'string', 'String[]': 'string[]', UInt16: 'uint16',
    'PSCredential[]': 'pscredential[]', CimSession: 'Microsoft.Management.Infrastructure.CimSession',
    'CimSession[]': 'Microsoft.Management.Infrastructure.CimSession[]', ciminstance: 'ciminstance',
    'ciminstance[]': 'ciminstance[]', 'VMHostPartitionableGpu[]': 'Microsoft.HyperV.PowerShell.VMHostPartitionableGpu[]',
  };
  return map[t] ?? t;
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
      if (psType(e.first.type) !== psType(p.type)) throw new Error(`${name} -${p.name}: type differs across sets`);
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
  for (const [pname, e] of params) {
    const lines = [];
    const sameEverywhere =
      single ||
      (e.per.length === sets.length &&
        e.per.every(([, p]) => paramAttrs(p, null) === paramAttrs(e.first, null)));
    if (sameEverywhere) lines.push(`        ${paramAttrs(e.first, null)}`);
    else for (const [setName, p] of e.per) lines.push(`        ${paramAttrs(p, setName)}`);
    const aliases = [...new Set(e.per.flatMap(([, p]) => p.aliases ?? []))];
    if (aliases.length) lines.push(`        [Alias(${aliases.map(q).join(', ')})]`);
    const vs = e.first.validateSet;
    if (vs && vs.length) lines.push(`        [ValidateSet(${vs.map(q).join(', ')})]`);
    const vr = e.first.validateRange;
    if (vr) lines.push(`        [ValidateRange(${vr[0]}, ${vr[1]})]`);
    if (e.first.psTypeName) lines.push(`        [PSTypeName(${q(e.first.psTypeName)})]`);
    lines.push(`        [${psType(e.first.type)}]`);
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

function renderModule(mod) {
  const all = cmdlets[mod.name];
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
  if (mod.types) files.push([`assets/lab/modules/${mod.name}/generated/${mod.name}.Types.cs`, renderTypes(objectsMd, all)]);
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
