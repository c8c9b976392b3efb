import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../shared/ipc/errors';
import { createHarness, prologue, type Harness } from './session-harness';

const fixtures = {
  echo: `param([string]$Text, [string[]]$List, [int]$Number, [switch]$Force, $Nested)\n${prologue}` +
    `[ordered]@{ text = $Text; list = @($List); number = $Number; force = [bool]$Force; nested = $Nested; pid = $PID } | ConvertTo-Json -Depth 5 -Compress`,
  sleep: `param([int]$Ms)\n${prologue}Start-Sleep -Milliseconds $Ms\n@{ slept = $Ms } | ConvertTo-Json -Compress`,
  fail: `param([string]$Path)\n${prologue}\n\nGet-Item -LiteralPath $Path | Out-Null\n'{}'`,
  warn: `param()\n${prologue}Write-Warning 'disk almost full'\nWrite-Verbose 'details' -Verbose\n'{"ok":true}'`,
  progress: `param()\n${prologue}foreach ($i in 1..3) { Write-Progress -Activity 'Copy' -Status "step $i" -PercentComplete ($i * 30); Start-Sleep -Milliseconds 150 }\n'{"done":true}'`,
  malformed: `param()\n${prologue}'this is { not json'`,
  big: `param([int]$Chars)\n${prologue}'"' + ('x' * $Chars) + '"'`,
  denied: `param()\n${prologue}throw (New-Object System.UnauthorizedAccessException 'You are not in Hyper-V Administrators')`,
};

let h: Harness;
let hostId: string;

beforeAll(async () => {
  h = await createHarness({ fixtures });
  hostId = (await h.registry.add({ name: 'local-test', transport: 'local' })).id;
  await h.waitFor(hostId, 'ready', 30_000);
}, 60_000);
afterAll(async () => h?.dispose());

const hostile = [
  `it's "quoted"`,
  '$(New-Item -ItemType File -Path MARKER)',
  'back`tick`n and `$env:PATH',
  'semi; Remove-Item -Recurse -Force /',
  'new\nline\r\nand\ttab',
  '-Force',
  '中文名稱虛擬機',
  '\u2018smart\u2019 \u201Cquotes\u201D',
  'x'.repeat(300),
];

describe('session layer on a local PowerShell host (real pwsh)', () => {
  it('reports the host ready with its PowerShell facts', async () => {
    const [view] = await h.registry.list();
    expect(view!.status.state).toBe('ready');
    expect(view!.info?.psVersion).toMatch(/^\d+\.\d+/);
  });

  it('round-trips hostile values untouched and executes nothing in them', async () => {
    const markerDir = join(h.dir, 'marker-cwd');
    for (const value of hostile) {
      const payload = value.replace('MARKER', join(markerDir, 'pwned'));
      const out = await h.registry.run(hostId, 'fixture/echo', { Text: payload, List: [payload, 'b'], Number: 7, Force: true, Nested: { k: payload } }, {
        schema: z.object({ text: z.string(), list: z.array(z.string()), number: z.number(), force: z.boolean(), nested: z.object({ k: z.string() }) }),
      });
      expect(out.text).toBe(payload);
      expect(out.list).toEqual([payload, 'b']);
      expect(out.nested.k).toBe(payload);
      expect(out.number).toBe(7);
      expect(out.force).toBe(true);
    }
    expect(existsSync(join(markerDir, 'pwned'))).toBe(false);
  });

  it('runs calls concurrently on one host', async () => {
    const started = Date.now();
    await Promise.all([1, 2, 3, 4].map(() => h.registry.run(hostId, 'fixture/sleep', { Ms: 800 })));
    expect(Date.now() - started).toBeLessThan(2_400); // serial would be >= 3.2 s
  });

  it('times out a call, stops the work, and the host stays usable', async () => {
    const started = Date.now();
    const err = await h.registry.run(hostId, 'fixture/sleep', { Ms: 20_000 }, { timeoutMs: 600 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await h.registry.run(hostId, 'fixture/sleep', { Ms: 1 })).toEqual({ slept: 1 });
    expect(h.registry.status(hostId)?.state).toBe('ready');
  });

  it('cancels a call through its AbortSignal', async () => {
    const ac = new AbortController();
    const p = h.registry.run(hostId, 'fixture/sleep', { Ms: 20_000 }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 300);
    const started = Date.now();
    const err = (await p.catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('returns PowerShell errors structured, with the script line', async () => {
    const err = (await h.registry.run(hostId, 'fixture/fail', { Path: '/no/such/file' }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('PS_ERROR');
    const first = (err.extra.detail as { errors: Array<Record<string, unknown>> }).errors[0]!;
    expect(first.category).toBe('ObjectNotFound');
    expect(first.fqid).toMatch(/^PathNotFound,/);
    expect(first.target).toBe('/no/such/file');
    expect(first.line).toBe(6); // param, 2 prologue lines, 2 blank lines, then Get-Item
  });

  it('maps access denied errors to ACCESS_DENIED', async () => {
    const err = (await h.registry.run(hostId, 'fixture/denied', {}).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('ACCESS_DENIED');
    expect(err.message).toMatch(/Hyper-V Administrators/);
  });

  it('keeps warnings and verbose output for the ledger', async () => {
    await h.registry.run(hostId, 'fixture/warn', {});
    const [entry] = h.ledger.list({ script: 'fixture/warn', limit: 1 });
    expect(entry!.warnings).toEqual(['disk almost full']);
    expect(entry!.verbose).toEqual(['details']);
    expect(entry!.outcome).toBe('ok');
  });

  it('streams progress while the script runs', async () => {
    const seen: number[] = [];
    await h.registry.run(hostId, 'fixture/progress', {}, { onProgress: (p) => seen.push(p.percent) });
    expect(seen).toEqual([30, 60, 90]);
  });

  it('rejects malformed and oversized output with clear errors, and keeps working', async () => {
    const bad = (await h.registry.run(hostId, 'fixture/malformed', {}).catch((e: unknown) => e)) as AppError;
    expect(bad.code).toBe('PS_ERROR');
    expect(bad.message).toMatch(/malformed output/);
    const big = (await h.registry.run(hostId, 'fixture/big', { Chars: 20 * 1024 * 1024 }).catch((e: unknown) => e)) as AppError;
    expect(big.code).toBe('PS_ERROR');
    expect(big.message).toMatch(/over the limit/);
    const ok = await h.registry.run<string>(hostId, 'fixture/big', { Chars: 1000 });
    expect(ok).toHaveLength(1000);
  });

  it('records every call in the ledger with a paste-able command and the outcome', async () => {
    await h.registry.run(hostId, 'fixture/sleep', { Ms: 1 }, { timeoutMs: 5_000 });
    const entries = h.ledger.list({ hostId, limit: 500 });
    expect(entries.some((e) => e.outcome === 'timeout')).toBe(true);
    expect(entries.some((e) => e.outcome === 'cancelled')).toBe(true);
    const last = entries[0]!;
    expect(last.script).toBe('fixture/sleep');
    expect(last.command).toBe('sleep.ps1 -Ms 1'); // the script by its name, never its path on this machine
  });
});
