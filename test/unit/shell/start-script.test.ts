import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

/** Runs scripts/start.mjs until `until` matches its stdout (then stops it) or it exits. */
function runStart(env: Record<string, string | undefined>, until?: RegExp): Promise<{ out: string; code: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env: { ...process.env, ...env } as NodeJS.ProcessEnv });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`start.mjs did not finish: ${out}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until?.test(out)) child.kill('SIGTERM');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ out, code });
    });
  });
}

describe('npm start', () => {
  it('runs Electron on the app folder when the binary is there and a display exists', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'hyperdesk-fake-electron-'));
    const exe = join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(exe, '#!/bin/sh\necho "fake electron got: $1"\n');
    chmodSync(exe, 0o755);
    const r = await runStart({ ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':99' });
    expect(r.out).toContain(`fake electron got: ${root}`);
    expect(r.code).toBe(0);
  });

  it('says in one line that Electron is missing and falls back to the browser mode', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hyperdesk-no-electron-'));
    // The gateway may fail to start in a half-built tree; the line comes first either way.
    const r = await runStart({ ELECTRON_OVERRIDE_DIST_PATH: empty, HYPERDESK_DATA_DIR: empty, HYPERDESK_QUIET: '1' }, /browser mode instead/);
    const first = r.out.split('\n')[0];
    expect(first).toBe('Electron is not installed here (offline?): starting the browser mode instead.');
  });

  it('falls back when Electron exists but there is no display', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'hyperdesk-fake-electron-'));
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho ran\n');
    chmodSync(join(dist, 'electron'), 0o755);
    const r = await runStart({ ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: undefined, WAYLAND_DISPLAY: undefined, HYPERDESK_DATA_DIR: dist }, /browser mode instead/);
    expect(r.out).not.toContain('ran');
    expect(r.out.split('\n')[0]).toMatch(/no display.*starting the browser mode instead\.$/);
  });
});
