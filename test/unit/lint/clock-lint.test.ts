import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints code as if it stood at a path in the repo, with the project's own eslint.config.mjs.
const eslint = new ESLint({ cwd: process.cwd() });
const timeRules = new Set(['no-restricted-globals', 'no-restricted-properties', 'no-restricted-syntax']);
async function timeErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && timeRules.has(m.ruleId)).map((m) => m.message);
}

describe('the time seam lint rule', () => {
  it('refuses global timers, Date.now and new Date() in a feature of main', async () => {
    const code = [
      'export function f(): void {',
      '  const t = setTimeout(() => undefined, 10);',
      '  clearTimeout(t);',
      '  setInterval(() => undefined, 10);',
      '  globalThis.setTimeout(() => undefined, 10);',
      '  const at = Date.now();',
      '  const d = new Date();',
      '  void at;',
      '  void d;',
      '}',
      '',
    ].join('\n');
    const errors = await timeErrors('electron/main/features/terminal/x.ts', code);
    expect(errors).toHaveLength(6);
    expect(errors.filter((e) => /injected Clock/.test(e))).toHaveLength(4);
    expect(errors.some((e) => /clock\.now\(\)/.test(e))).toBe(true);
    expect(errors.some((e) => /isoNow\(clock\)/.test(e))).toBe(true);
  });

  it('refuses a bare Date.now reference used as a default, and global timers in the gateway', async () => {
    expect(await timeErrors('electron/main/platform/sessions/x.ts', 'export const now: () => number = Date.now;\n')).toHaveLength(1);
    expect(await timeErrors('electron/gateway/x.ts', 'export const h = setInterval(() => undefined, 30_000);\n')).toHaveLength(1);
  });

  it('allows the clock itself, the clock methods, and dates built from a given time', async () => {
    expect(await timeErrors('electron/main/platform/time/x.ts', 'export const t = setTimeout(() => Date.now(), 1);\n')).toEqual([]);
    const code = [
      "import { systemClock as clock } from '../../platform/time/clock';",
      'export const t = clock.setTimeout(() => undefined, 1);',
      'export const d = new Date(clock.now()).toISOString();',
      "export const p = new Date('2026-01-01T00:00:00Z');",
      '',
    ].join('\n');
    expect(await timeErrors('electron/main/features/console/x.ts', code)).toEqual([]);
  });
});
