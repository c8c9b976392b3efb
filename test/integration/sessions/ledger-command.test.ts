import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPsCommand } from '../../../electron/main/platform/ledger/ps-command';
import { locatePowerShell } from '../../../electron/main/platform/powershell/pwsh-locator';

const dir = mkdtempSync(join(tmpdir(), 'hd-ledger-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the ledger command a user pastes', () => {
  it('passes hostile values to the script exactly and runs nothing inside them', () => {
    const marker = join(dir, 'pwned');
    const script = join(dir, "echo it's.ps1");
    writeFileSync(script, 'param([string]$Text, [string[]]$List, [switch]$Force, [int]$N)\n@{ text = $Text; list = @($List); force = [bool]$Force; n = $N } | ConvertTo-Json -Compress');
    const values = [
      `it's "q"`, `$(New-Item -ItemType File -Path '${marker}')`, 'tick`n`$x', 'a; New-Item ' + marker, 'line1\nline2\r\tend\u0007', '-Force', '中文', '\u2018\u2019\u201C\u201D', 'y'.repeat(300),
    ];
    for (const v of values) {
      const cmd = formatPsCommand(script, { Text: v, List: [v, 'z'], Force: false, N: 5 });
      const file = join(dir, 'cmd.ps1');
      writeFileSync(file, cmd, 'utf8');
      const r = spawnSync(locatePowerShell(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ text: v, list: [v, 'z'], force: false, n: 5 });
    }
    expect(existsSync(marker)).toBe(false);
  }, 60_000);
});
