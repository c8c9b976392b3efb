import { describe, expect, it } from 'vitest';
import { registerSecret } from '../../../electron/main/app/logger';
import type { FileOps } from '../../../electron/main/platform/sessions/file-ops';
import { Ledger } from '../../../electron/main/platform/ledger/ledger';
import { formatPsCommand, quotePsString } from '../../../electron/main/platform/ledger/ps-command';
import { redactParams } from '../../../electron/main/platform/ledger/redact-params';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';

describe('ledger command quoting', () => {
  it('single-quotes plain strings and doubles every kind of single quote', () => {
    expect(quotePsString(`O'Brien`)).toBe(`'O''Brien'`);
    expect(quotePsString('\u2018x\u2019')).toBe("'\u2018\u2018x\u2019\u2019'");
    expect(quotePsString('$(Remove-Item C:\\ -Recurse); `whoami`')).toBe("'$(Remove-Item C:\\ -Recurse); `whoami`'");
  });

  it('uses escaped double quotes only when the value holds control characters', () => {
    expect(quotePsString('a\nb$(x)`"\u201C')).toBe('"a`nb`$(x)```"`\u201C"');
    expect(quotePsString('bell\u0007')).toBe('"bell$([char]7)"');
  });

  it('renders switches, numbers, arrays and nested tables as literals, on one line', () => {
    const cmd = formatPsCommand('/app/scripts/set-vm.ps1', { Name: '中文; -Force', Count: 3, Force: true, Tags: ['a', "b'c"], Opt: { k: null } });
    expect(cmd).toBe(`& '/app/scripts/set-vm.ps1' -Name '中文; -Force' -Count 3 -Force:$true -Tags @('a', 'b''c') -Opt @{'k' = $null}`);
    expect(cmd).not.toContain('\n');
  });

  it('refuses a parameter name that is not a bare word', () => {
    expect(() => formatPsCommand('/x.ps1', { 'Name; rm -rf': 1 })).toThrow(/not a parameter name/);
  });

  it('redacts credential parameters by name at any depth, and nothing else (never a text search)', () => {
    registerSecret('S3cret-Value!');
    expect(redactParams({ Password: 'p', Name: 'has S3cret-Value! inside', Nested: { Token: 't', list: ['S3cret-Value!'] } })).toEqual({
      Password: '***',
      // A value that happens to contain a known secret is recorded as it is: masking it made a replay act on another VM.
      Name: 'has S3cret-Value! inside',
      Nested: { Token: '***', list: ['S3cret-Value!'] },
    });
    expect(redactParams({ Credential: 'c', SecurePassword: 's', Passphrase: 'x', ApiKey: 'k', Bypass: 'b', KeyFilePath: '/k' })).toEqual({
      Credential: '***',
      SecurePassword: '***',
      Passphrase: '***',
      ApiKey: '***',
      Bypass: 'b',
      KeyFilePath: '/k',
    });
  });
});

describe('Ledger persistence', () => {
  const files = new Map<string, string>();
  const ops: FileOps = {
    read: (p) => files.get(p),
    writeAtomic: (p, t) => void files.set(p, t),
    append: (p, t) => void files.set(p, (files.get(p) ?? '') + t),
    size: (p) => Buffer.byteLength(files.get(p) ?? ''),
    rename: (a, b) => {
      files.set(b, files.get(a)!);
      files.delete(a);
    },
    remove: (p) => void files.delete(p),
  };
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const entry = (i: number, outcome: LedgerEntry['outcome'] = 'ok'): LedgerEntry => ({
    id: `e${i}`, hostId: i % 2 ? 'h1' : 'h2', script: 'inventory/get-inventory', params: {}, command: '& x', startedAt: new Date(i).toISOString(), durationMs: 1, outcome, warnings: [],
  });

  it('filters newest first, rotates the file when it grows, and reloads bounded', () => {
    const appended: string[] = [];
    const ledger = new Ledger({ path: '/d/ledger.jsonl', files: ops, log, maxInMemory: 50, maxFileBytes: 2_000, onAppend: (e) => appended.push(e.id) });
    for (let i = 0; i < 40; i++) ledger.append(entry(i, i === 7 ? 'error' : 'ok'));
    expect(appended).toHaveLength(40);
    expect(ledger.list({ hostId: 'h1', limit: 3 }).map((e) => e.id)).toEqual(['e39', 'e37', 'e35']);
    expect(ledger.list({ outcome: 'error', limit: 10 }).map((e) => e.id)).toEqual(['e7']);
    expect(files.has('/d/ledger.1.jsonl')).toBe(true);
    expect(Buffer.byteLength(files.get('/d/ledger.jsonl')!)).toBeLessThanOrEqual(2_000 + 400);
    files.set('/d/ledger.jsonl', files.get('/d/ledger.jsonl') + 'garbage line\n');
    const reloaded = new Ledger({ path: '/d/ledger.jsonl', files: ops, log, maxInMemory: 10 });
    reloaded.load();
    const ids = reloaded.list({ limit: 100 }).map((e) => e.id);
    expect(ids).toHaveLength(10);
    expect(ids[0]).toBe('e39');
  });
});
