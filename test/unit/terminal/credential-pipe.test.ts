import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { credentialPipeArgs, credentialPipePlan, credentialPipeSddl, currentUserSid, deliverSecretToPipe, parseWhoamiSid } from '../../../electron/main/features/terminal/credential-pipe';

const SID = 'S-1-5-21-3623811015-3361044348-30300820-1013';

/** The ACEs of an SDDL DACL, as [type, rights, trustee]. */
function aces(sddl: string): Array<[string, string, string]> {
  const dacl = sddl.slice(sddl.indexOf('D:'));
  return [...dacl.matchAll(/\(([^;]*);([^;]*);([^;]*);[^;]*;[^;]*;([^)]*)\)/g)].map((m) => [m[1]!, m[3]!, m[4]!]);
}

describe('WinRM password pipe ACL', () => {
  it('is owned by the user, protected from inheritance, denies network logons first and allows only the user', () => {
    const sddl = credentialPipeSddl(SID);
    expect(sddl.startsWith(`O:${SID}`)).toBe(true);
    expect(sddl).toContain('D:P('); // protected: nothing inherited from the pipe namespace's defaults
    expect(aces(sddl)).toEqual([
      ['D', 'GA', 'NU'],
      ['A', 'GA', SID],
    ]);
    // Nobody else is named: not Everyone, Anonymous, Authenticated Users, BUILTIN\Users, or any group.
    for (const who of ['WD', 'AN', 'AU', 'BU', 'BA', 'SY', 'IU']) expect(aces(sddl).some(([type, , t]) => type === 'A' && t === who)).toBe(false);
  });

  it('refuses anything that is not a SID (the SDDL must not be spliced from junk)', () => {
    for (const bad of ['', 'WD', 'S-1-5-21)(A;;GA;;;WD', 'S-1-x', `${SID} `]) expect(() => credentialPipeSddl(bad)).toThrow();
  });

  it('reads the SID from whoami whatever language the account name is in, once', () => {
    expect(parseWhoamiSid(`"corp\\王小明","${SID}"\r\n`)).toBe(SID);
    expect(() => parseWhoamiSid('ERROR: access denied')).toThrow();
    let runs = 0;
    const run = () => (runs++, `"pc\\me","${SID}"`);
    expect(currentUserSid(run)).toBe(SID);
    expect(currentUserSid(run)).toBe(SID);
    expect(runs).toBe(1);
  });

  it('plans one pipe for the app process: a fresh random name, the ACL, and the one client pid for the bootstrap', () => {
    const a = credentialPipePlan(SID, 4242);
    const b = credentialPipePlan(SID, 4242);
    expect(a.name).toMatch(/^hyperdesk-[0-9a-f]{32}$/);
    expect(a.name).not.toBe(b.name);
    expect(credentialPipeArgs(a)).toEqual(['-CredentialPipe', a.name, '-CredentialPipeSddl', credentialPipeSddl(SID), '-CredentialClientPid', '4242']);
    expect(() => credentialPipePlan(SID, 0)).toThrow();
  });
});

describe('deliverSecretToPipe', () => {
  /** A stand-in for the bootstrap's pipe: a Unix socket that appears after a delay and records what it got. */
  function lateServer(path: string, afterMs: number): Promise<{ server: Server; got: Promise<string>; connections: () => number }> {
    return new Promise((ready) => {
      let connections = 0;
      let resolveGot!: (s: string) => void;
      const got = new Promise<string>((r) => (resolveGot = r));
      const server = createServer((s) => {
        connections++;
        let text = '';
        s.on('data', (d: Buffer) => (text += d.toString()));
        s.on('end', () => resolveGot(text));
      });
      setTimeout(() => server.listen(path, () => ready({ server, got, connections: () => connections })), afterMs);
    });
  }

  it('waits for the pipe to appear, writes the secret once and stops', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hd-pipe-')), 's');
    const pending = lateServer(path, 150);
    const delivery = deliverSecretToPipe('ignored', '{"password":"pw"}', { open: () => connect(path), retryMs: 20, timeoutMs: 5_000 });
    const srv = await pending;
    expect(await delivery.done).toBe(true);
    expect(await srv.got).toBe('{"password":"pw"}\n');
    expect(srv.connections()).toBe(1);
    srv.server.close();
  });

  it('gives up quietly when the pipe never appears, or when cancelled', async () => {
    const nowhere = join(mkdtempSync(join(tmpdir(), 'hd-pipe-')), 'none');
    expect(await deliverSecretToPipe('x', 's', { open: () => connect(nowhere), retryMs: 10, timeoutMs: 100 }).done).toBe(false);
    const d = deliverSecretToPipe('x', 's', { open: () => connect(nowhere), retryMs: 10, timeoutMs: 10_000 });
    d.cancel();
    expect(await d.done).toBe(false);
  });
});
