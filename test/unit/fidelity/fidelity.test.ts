import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every shipped PowerShell file must parse, must run on Windows PowerShell 5.1 (no PS7-only syntax or
 * parameters), and the app's scripts must call reference-module cmdlets only with parameters that bind
 * to one of the real parameter sets (test/support/reference/hyperv-cmdlets.json).
 */
const root = resolve(__dirname, '..', '..', '..');
const checker = join(root, 'test', 'support', 'fidelity', 'check-scripts.ps1');
const reference = join(root, 'test', 'support', 'reference', 'hyperv-cmdlets.json');
const tmp = mkdtempSync(join(tmpdir(), 'hd-fidelity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Finding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ps[m]?1$/i.test(name)) out.push(p);
  }
  return out;
}

function check(files: Array<{ path: string; checkBinding: boolean }>): Finding[] {
  const list = join(tmp, `list-${Date.now()}.json`);
  writeFileSync(list, JSON.stringify({ files }));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', checker, '-ListPath', list, '-ReferencePath', reference], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`checker failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Finding[];
}

/** App scripts (the library) get the binding check; the lab's internals implement the cmdlets, so they do not. */
const isAppScript = (p: string) => relative(root, p).split(sep).slice(0, 1)[0] === 'electron' && p.split(sep).includes('scripts');

describe('PowerShell fidelity', () => {
  it('finds every rule violation in a bad fixture (the checker works)', () => {
    const findings = check([{ path: join(__dirname, 'fixtures', 'bad-script.ps1'), checkBinding: true }]);
    const at = (line: number) => findings.filter((f) => f.line === line).map((f) => f.rule);
    expect(at(4)).toContain('ps7-ternary');
    expect(at(5)).toContain('ps7-null-coalescing');
    expect(at(6)).toContain('ps7-null-conditional');
    expect(at(7)).toContain('ps7-pipeline-chain');
    expect(at(8)).toContain('ps7-parameter');
    expect(at(9)).toContain('ps7-parameter');
    expect(at(10)).toContain('ps7-unicode-escape');
    expect(at(11)).toContain('unknown-parameter');
    expect(at(12)).toContain('no-parameter-set');
    expect(at(13)).toContain('ambiguous-parameter'); // -Automatic: AutomaticStartAction, AutomaticStopAction, ...
    expect(at(14)).toEqual([]); // a valid call is not reported
    expect(at(15)).toContain('invalid-value');
    expect(at(16)).toContain('unknown-parameter'); // aliases of Get-VMSnapshot resolve to its definition
    expect(at(17)).toContain('ps7-parameter');
    expect(at(18)).toContain('ps7-clean-block');
    expect(at(19)).toEqual([]); // common parameters' values are not positional arguments
  }, 60_000);

  it('every shipped .ps1/.psm1 runs on 5.1 and every app script binds to real parameter sets', () => {
    const files = [...walk(join(root, 'electron')), ...walk(join(root, 'assets', 'lab'))];
    expect(files.length).toBeGreaterThan(2);
    const findings = check(files.map((path) => ({ path, checkBinding: isAppScript(path) })));
    const report = findings.map((f) => `${relative(root, f.file)}:${f.line} [${f.rule}] ${f.message}`);
    expect(report).toEqual([]);
  }, 120_000);
});
