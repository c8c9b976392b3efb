import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunbookFeature } from '../../../electron/main/features/runbook/runbook.feature';
import { inlineScriptCommand } from '../../../electron/main/features/runbook/terminal-command';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';

const dir = mkdtempSync(join(tmpdir(), 'hd-term-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string): string {
  const file = join(dir, 'cmd.ps1');
  writeFileSync(file, command, 'utf8');
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', file], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

const script = "<#\n  Echoes.\n\n#>\nparam([string]$Text, [switch]$Force)\nSet-StrictMode -Version Latest\n\n\n@{ text = $Text; force = [bool]$Force } | ConvertTo-Json -Compress\n";

describe('the form pasted into a remote shell', () => {
  it('is the script as a block without empty lines, values quoted as in the ledger', () => {
    const cmd = inlineScriptCommand(script, { Text: "a'b $(x)", Force: true });
    const lines = cmd.split('\n');
    expect(lines[0]).toBe('& {');
    expect(lines.at(-1)).toBe("} -Text 'a''b $(x)' -Force:$true");
    expect(lines.some((l) => l.trim() === '')).toBe(false);
    expect(JSON.parse(run(cmd))).toEqual({ text: "a'b $(x)", force: true });
  });

  it('falls back to one line when a tab or a here-string would not survive line-by-line typing', () => {
    const tricky = "param([string]$Text)\n$h = @'\nkeep\n\nthe empty line\n'@\n\"$Text|$h|\t|\"\n";
    const cmd = inlineScriptCommand(tricky, { Text: 'v' });
    expect(cmd).not.toContain('\n');
    expect(cmd).not.toContain('\t');
    expect(run(cmd)).toBe('v|keep\n\nthe empty line|\t|');
  });
});

describe('runbook.terminalCommand', () => {
  const entry: LedgerEntry = { id: 'e1', hostId: 'h1', script: 'fixture/echo', params: { Text: 'x' }, command: "& '/app/echo.ps1' -Text 'x'", startedAt: '2026-01-01T00:00:00Z', durationMs: 5, outcome: 'ok', warnings: [] };
  const feature = (form: 'path' | 'inline') =>
    createRunbookFeature({ ledger: { list: () => [entry] }, scripts: { load: () => ({ text: script }) }, hostName: async () => 'HV', pasteForm: async () => form });
  const ctx = { clientId: 'c1', signal: new AbortController().signal };

  it('gives the ledger command as it stands to a shell on this machine', async () => {
    expect(await feature('path').handlers['runbook.terminalCommand']!({ entryId: 'e1', sessionId: 'session-1' }, ctx)).toEqual({ form: 'path', text: entry.command });
  });

  it('gives the self-contained form to a shell inside a remote host', async () => {
    const out = await feature('inline').handlers['runbook.terminalCommand']!({ entryId: 'e1', sessionId: 'session-1' }, ctx);
    expect(out.form).toBe('inline');
    expect(out.text).toBe(inlineScriptCommand(script, { Text: 'x' }));
  });
});
