import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

/**
 * Starts the built gateway (node dist/electron/gateway.cjs) on a random loopback port with a throwaway
 * data dir, and hands its token URL to the tests as HYPERDESK_E2E_URL. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const gatewayJs = join(root, 'dist', 'electron', 'gateway.cjs');
  if (!existsSync(gatewayJs)) throw new Error('dist/electron/gateway.cjs is missing: run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'hyperdesk-e2e-'));
  const child = spawn(process.execPath, [gatewayJs, '--port', '0'], {
    cwd: root,
    // The specs are written against the small shop's hosts and VMs; the datacenter has its own tests (lab-seed.ts).
    env: { ...process.env, HYPERDESK_DATA_DIR: dataDir, HYPERDESK_HOST: '127.0.0.1', HYPERDESK_LAB_SCENARIOS: 'small-shop' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child);
  process.env.HYPERDESK_E2E_URL = url;
  return async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`gateway printed no URL within 60 s\n${out}\n${err}`)), 60_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      process.stderr.write(`[gateway] ${d.toString()}`);
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^HYPERDESK_URL=(\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    child.once('exit', (code) => fail(new Error(`gateway exited (${code}) before printing its URL\n${out}\n${err}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGINT');
  });
}
