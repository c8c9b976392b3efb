import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * PowerShell text shown or exported for pasting is built by one module (platform/ledger/ps-command.ts) and
 * nowhere else. This finds the shape of the old defects in app code: a value spliced into a quoted PowerShell
 * argument or string with a template literal (`-Name '${name}'`, `"${path}"`), which quoting by hand gets wrong
 * for typographic quotes, backticks and `$()`.
 */
const root = resolve(__dirname, '..', '..');
const QUOTING_MODULE = 'electron/main/platform/ledger/ps-command.ts';
/** A template literal putting a value inside PowerShell quotes after a parameter, or a quote pair around a value. */
const SPLICE = [/-[A-Z][A-Za-z]+:? ?['"\u2018\u2019\u201C\u201D]\$\{/, /[ (]['\u2018\u2019]\$\{[^}]+\}['\u2018\u2019][ )`]/, /`"\$\{[^}]+\}"`/];
/** Main-side PowerShell comments (`# ...` in a template literal) take values only through psComment: a newline in a VM name would end the comment. */
const COMMENT_SPLICE = /`\s*# [^`\\]*\$\{(?!psComment\()/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('pasteable PowerShell is quoted by one module', () => {
  it('no app code splices a value into quoted PowerShell text', () => {
    const offenders: string[] = [];
    for (const file of [...files(join(root, 'electron')), ...files(join(root, 'renderer', 'src')), ...files(join(root, 'shared'))]) {
      const rel = relative(root, file).replace(/\\/g, '/');
      if (rel === QUOTING_MODULE) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (SPLICE.some((re) => re.test(line)) || (rel.startsWith('electron/main/') && COMMENT_SPLICE.test(line))) offenders.push(`${rel}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('the check itself finds the old P2V and runbook shapes', () => {
    const old = ["commands.push(`New-VM -Name '${input.vmName}' -Generation 1`);", 'const quoteArg = (s: string) => `"${s}"`;', "Add-VMHardDiskDrive -VMName '${n}' -Path '${p}'"];
    for (const line of old) expect(SPLICE.some((re) => re.test(line)), line).toBe(true);
    expect(COMMENT_SPLICE.test('decl.push(`    # The host (recorded on ${input.hostName}).`);')).toBe(true);
    expect(COMMENT_SPLICE.test('L.push(`# ${psComment(text)}`);')).toBe(false);
  });
});
