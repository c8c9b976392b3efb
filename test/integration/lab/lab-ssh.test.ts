/**
 * Two lab hosts reached over PowerShell SSH remoting (key auth, loopback sshd per host): plain Get-VM
 * runs on each remote pwsh against its own state, and the host name comes from the lab state.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pwshPath, startSshLabHosts, type SshLabHosts } from '../../support/lab-hosts/ssh-lab-hosts';

// Host connection data travels as JSON in an environment variable; the script text is fixed.
const script = `
$ErrorActionPreference = 'Stop'
$hosts = $env:LAB_HOSTS_JSON | ConvertFrom-Json
$out = foreach ($h in $hosts) {
  $s = New-PSSession -HostName $h.hostName -Port $h.port -UserName $h.userName -KeyFilePath $h.keyFilePath -Options @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = $h.knownHostsFile; LogLevel = 'ERROR' }
  try {
    Invoke-Command -Session $s -ScriptBlock {
      $vms = @(Get-VM)
      [pscustomobject]@{ host = (Get-VMHost).Name; computerNames = @($vms | ForEach-Object { $_.ComputerName } | Select-Object -Unique); vms = @($vms | ForEach-Object { [pscustomobject]@{ name = $_.Name; state = [int]$_.State } }) }
    } | Select-Object host, computerNames, vms
  } finally { Remove-PSSession $s }
}
ConvertTo-Json -InputObject @($out) -Depth 5 -Compress
`;

const Result = z.array(
  z.object({
    host: z.string(),
    computerNames: z.array(z.string()),
    vms: z.array(z.object({ name: z.string(), state: z.number() })),
  }),
);

let lab: SshLabHosts;

beforeAll(async () => {
  lab = await startSshLabHosts({ scenario: 'small-shop', count: 2 });
}, 120_000);

afterAll(async () => {
  await lab?.dispose();
});

describe('lab hosts over SSH remoting', () => {
  it('runs Get-VM on two lab hosts', () => {
    const hosts = lab.hosts.map((h) => ({ hostName: h.hostName, port: h.port, userName: h.userName, keyFilePath: h.keyFilePath, knownHostsFile: h.knownHostsFile }));
    const r = spawnSync(pwshPath(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', script], {
      encoding: 'utf8',
      env: { ...process.env, LAB_HOSTS_JSON: JSON.stringify(hosts) },
      timeout: 110_000,
    });
    expect(r.status, r.stderr).toBe(0);
    // ssh may still print notices on stdout; the JSON is the last line.
    const last = r.stdout.trim().split('\n').pop() ?? '';
    const [first, second] = Result.length(2).parse(JSON.parse(last));
    if (!first || !second) throw new Error('expected two hosts');
    expect([first.host, second.host]).toEqual(['HV-LAB01', 'HV-LAB02']);
    expect(first.computerNames).toEqual(['HV-LAB01']);
    expect(second.computerNames).toEqual(['HV-LAB02']);
    expect(first.vms.map((v) => v.name)).toEqual(['DC1', 'FS1', 'SQL1', '測試伺服器']);
    expect(second.vms.map((v) => v.name)).toEqual(['WEB1', 'WEB2', 'LNX1', 'LEGACY-APP']);
    expect(second.vms.find((v) => v.name === 'WEB2')?.state).toBe(6); // Saved
    expect(first.vms.find((v) => v.name === 'DC1')?.state).toBe(2); // Running
  }, 120_000);
});
