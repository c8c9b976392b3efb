import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as checkpoints from '../../../electron/main/features/checkpoints/checkpoints.scripts';
import * as inventory from '../../../electron/main/features/inventory/inventory.scripts';
import { forHost, scriptCall } from '../../../electron/main/platform/scripts/display';
import { displayLines, type ScriptDef } from '../../../electron/main/platform/scripts/script-def';

/**
 * View PowerShell shows the cmdlets an admin would type (with names), never a path of this machine. Every
 * ScriptDef in the tree has a display; every display line parses on 5.1 and binds to a real parameter set.
 */
const root = resolve(__dirname, '..', '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'hd-display-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const isDef = (v: unknown): v is ScriptDef => !!v && typeof v === 'object' && typeof (v as ScriptDef).name === 'string' && 'params' in v && 'result' in v && 'lane' in v;
const defsIn = (mod: Record<string, unknown>): ScriptDef[] => Object.values(mod).flatMap((v) => (isDef(v) ? [v] : v && typeof v === 'object' ? Object.values(v).filter(isDef) : []));

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every ScriptDef in the tree: each file that calls defineScript, imported (a new script file is found by itself). */
const scriptFiles = sourceFiles(join(root, 'electron')).filter((f) => !f.endsWith(join('platform', 'scripts', 'script-def.ts')) && /\bdefineScript\(/.test(readFileSync(f, 'utf8')));
const defineScriptCalls = scriptFiles.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/\bdefineScript\(/g)?.length ?? 0), 0);
const byName = new Map<string, ScriptDef>();
for (const f of scriptFiles) for (const d of defsIn((await import(f)) as Record<string, unknown>)) byName.set(d.name, d);
const allDefs = [...byName.values()];

const GUID = '6d1f1c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f';
const CP = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

/** A valid value for a parameter schema (zod 4 introspection), with every optional parameter present. */
function sample(schema: z.ZodType, key: string): unknown {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return sample(def.innerType as z.ZodType, key);
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([k, v]) => [k, sample(v, k)]));
    case 'array':
      return [sample(def.element as z.ZodType, key)];
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'union':
      return sample((def.options as z.ZodType[])[0]!, key);
    case 'boolean':
      return true;
    case 'number':
    case 'int':
      return 2;
    case 'string':
      if (key === 'CopyId') return '0123456789abcdef0123456789abcdef';
      if (key === 'OpsJson') return JSON.stringify([{ op: 'text', s: 'dir' }, { op: 'key', vk: 13, mods: [] }, { op: 'cad' }]);
      if (key === 'CheckpointId') return CP;
      if (/Id$/.test(key)) return GUID;
      if (/Path$/.test(key)) return 'D:\\Hyper-V\\FS1.vhdx';
      if (key === 'id') return 'Microsoft:GUID\\ADAPTER';
      return 'Before AD upgrade';
    default:
      throw new Error(`no sample for a ${def.type} (${key})`);
  }
}

/** One sample per value of each enum parameter (Action, Kind...), so every branch of a display is drawn. */
function samples(d: ScriptDef): Record<string, unknown>[] {
  const base = sample(d.params, '') as Record<string, unknown>;
  const shape = (d.params as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  const out = [base];
  for (const [k, s] of Object.entries(shape)) {
    const inner = (s as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; entries?: Record<string, string> } } })._zod.def;
    const en = inner.type === 'optional' ? (inner.innerType as unknown as { _zod: { def: { entries?: Record<string, string> } } })._zod.def : inner;
    for (const v of Object.values(en.entries ?? {}).slice(1)) out.push({ ...base, [k]: v });
  }
  for (const [k, v] of Object.entries(base)) if (v === true) out.push({ ...base, [k]: false });
  return out;
}

const names = { vms: { [GUID]: 'FS1' }, checkpoints: { [CP]: 'Before AD upgrade' } };

describe('script display (View PowerShell)', () => {
  it('every defineScript in the tree has a display (every file that calls defineScript is imported and counted)', () => {
    expect(allDefs.length).toBe(defineScriptCalls);
    expect(allDefs.filter((d) => typeof d.display !== 'function').map((d) => d.name)).toEqual([]);
  });

  it('a start names the VM: Start-VM -Name, or Get-VM -Id piped when the name is a wildcard', () => {
    expect(displayLines(inventory.inventoryScripts.vmAction, { Action: 'start', VmId: [GUID] }, { vms: { [GUID]: 'DC1' } })).toEqual(["Start-VM -Name 'DC1'"]);
    expect(displayLines(inventory.inventoryScripts.vmAction, { Action: 'start', VmId: [GUID] }, { vms: { [GUID.toUpperCase()]: 'web[1]' } })).toEqual([`Get-VM -Id '${GUID}' | Start-VM`]);
    expect(displayLines(inventory.inventoryScripts.vmAction, { Action: 'turnoff', VmId: [GUID] }, { vms: { [GUID]: "O'Neil" } })).toEqual(["Stop-VM -Name 'O''Neil' -TurnOff -Force"]);
  });

  it('a VM the caller did not name is named from the lookup (the inventory cache); given names win', () => {
    const lookupVm = (id: string) => (id === GUID ? 'DC1' : undefined);
    expect(displayLines(inventory.inventoryScripts.vmAction, { Action: 'save', VmId: [GUID] }, { lookupVm })).toEqual(["Save-VM -Name 'DC1'"]);
    expect(displayLines(inventory.inventoryScripts.vmAction, { Action: 'save', VmId: [GUID] }, { lookupVm, vms: { [GUID]: 'DC1-new' } })).toEqual(["Save-VM -Name 'DC1-new'"]);
  });

  it('a checkpoint delete names the checkpoint and its VM', () => {
    expect(displayLines(checkpoints.checkpointScripts.remove, { VMId: GUID, CheckpointId: CP }, names)).toEqual(["Remove-VMSnapshot -VMName 'FS1' -Name 'Before AD upgrade'"]);
    expect(displayLines(checkpoints.checkpointScripts.remove, { VMId: GUID, CheckpointId: CP }, {})).toEqual([`Get-VMSnapshot -Id '${CP}' | Remove-VMSnapshot`]);
  });

  it('a remote host wraps the lines in Invoke-Command; local and lab hosts run them as they are', () => {
    const lines = ["Start-VM -Name 'DC1'"];
    expect(forHost(lines, { transport: 'winrm', address: 'HV-LAB01' })).toEqual(["Invoke-Command -ComputerName 'HV-LAB01' { Start-VM -Name 'DC1' }"]);
    expect(forHost(lines, { transport: 'ssh', address: 'hv2.example', userName: 'admin', port: 2222 })).toEqual([
      "Invoke-Command -HostName 'hv2.example' -UserName 'admin' -Port 2222 { Start-VM -Name 'DC1' }",
    ]);
    expect(forHost(lines, { transport: 'lab' })).toEqual(lines);
    expect(forHost(['a', 'b'], { transport: 'winrm', address: 'HV' })).toEqual(["Invoke-Command -ComputerName 'HV' {", '  a', '  b', '}']);
  });

  it('the script itself is named, never by a path on this machine', () => {
    expect(scriptCall('inventory/vm-action', { Action: 'start', VmId: [GUID] })).toBe(`vm-action.ps1 -Action 'start' -VmId @('${GUID}')`);
  });

  it('a display that throws falls back to the script call instead of failing the call', () => {
    const def = { name: 'x/y', display: () => { throw new Error('bug'); } };
    expect(displayLines(def, { A: 1 })).toEqual(['y.ps1 -A 1']);
  });

  it('every display line, for every script and branch, parses on 5.1 and binds to a real parameter set; no path, no .ps1', () => {
    const lines: string[] = [];
    for (const d of allDefs) {
      for (const p of samples(d)) {
        expect(d.params.safeParse(p).success, `${d.name} sample ${JSON.stringify(p)}`).toBe(true);
        for (const l of [...displayLines(d, p, names), ...displayLines(d, p, {})]) {
          expect(l, d.name).not.toContain(root);
          expect(l, d.name).not.toMatch(/\.ps1\b/i);
          lines.push(`# ${d.name}`, l);
        }
      }
    }
    const file = join(tmp, 'display-lines.ps1');
    writeFileSync(file, lines.join('\n') + '\n', 'utf8');
    const list = join(tmp, 'list.json');
    writeFileSync(list, JSON.stringify({ files: [{ path: file, checkBinding: true }] }));
    const checker = join(root, 'test', 'support', 'fidelity', 'check-scripts.ps1');
    const reference = join(root, 'test', 'support', 'reference', 'hyperv-cmdlets.json');
    const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', checker, '-ListPath', list, '-ReferencePath', reference], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(0);
    const findings = JSON.parse(r.stdout) as { line: number; rule: string; message: string }[];
    const all = lines;
    expect(findings.map((f) => `${all[f.line - 2]} ${all[f.line - 1]} [${f.rule}] ${f.message}`)).toEqual([]);
  }, 60_000);
});
