import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSecretOnce } from '../../../electron/main/features/terminal/shell-launch';
import { startSshLabHosts, type SshLabHosts } from '../../support/lab-hosts/ssh-lab-hosts';
import { PtyDriver } from './pty-driver';

/** A terminal "inside" a host over PowerShell SSH remoting (Enter-PSSession), and the one-shot credential pipe. */
const repoRoot = resolve(__dirname, '..', '..', '..');
let lab: SshLabHosts;
let driver: PtyDriver;

beforeAll(async () => {
  lab = await startSshLabHosts({ scenario: 'small-shop', count: 1 });
  const h = lab.hosts[0]!;
  driver = new PtyDriver({
    resourcesDir: repoRoot,
    hosts: [{ id: 'ssh-1', name: h.name, transport: 'ssh', hostName: h.hostName, port: h.port, userName: h.userName, keyFilePath: h.keyFilePath, knownHostsFile: h.knownHostsFile }],
  });
}, 120_000);
afterAll(async () => {
  driver?.dispose();
  await lab?.dispose();
});

describe('terminal on an SSH host', () => {
  it('enters the remote session and runs Get-VM there', { timeout: 120_000 }, async () => {
    const t = await driver.service.open(driver.client, { kind: 'host', hostId: 'ssh-1' }, { cols: 120, rows: 30 });
    await driver.waitFor(t.sessionId, /\[127\.0\.0\.1\]: PS [^\n]*> $/, 60_000);
    driver.service.input(driver.client, t.sessionId, "Get-VM | Select-Object -First 1 -ExpandProperty Name; 'remote-' + [bool]$PSSenderInfo\r");
    const m = await driver.waitFor(t.sessionId, /ExpandProperty Name[^\n]*\n([^\r\n]+)\r?\nremote-True/, 60_000);
    expect(m[1]!.length).toBeGreaterThan(0);
    driver.service.close(driver.client, t.sessionId);
  });
});

describe('serveSecretOnce', () => {
  it('hands the secret to the first .NET pipe client only, then disappears', { timeout: 60_000 }, async () => {
    const pipe = await serveSecretOnce(JSON.stringify({ password: 'S3cret "quoted" 中文' }));
    const read = () =>
      new Promise<string>((res, rej) =>
        execFile(
          'pwsh',
          ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', `$p = New-Object System.IO.Pipes.NamedPipeClientStream('.', $env:HD_PIPE, [System.IO.Pipes.PipeDirection]::In); $p.Connect(3000); (New-Object System.IO.StreamReader($p, [System.Text.Encoding]::UTF8)).ReadLine()`],
          { env: { ...process.env, HD_PIPE: pipe.name } },
          (err, stdout) => (err ? rej(err) : res(stdout.trim())),
        ),
      );
    expect(JSON.parse(await read())).toEqual({ password: 'S3cret "quoted" 中文' });
    await expect(read()).rejects.toThrow();
    if (process.platform !== 'win32') expect(existsSync(pipe.name)).toBe(false);
    pipe.close();
  });
});
