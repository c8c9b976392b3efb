import { describe, expect, it } from 'vitest';
import { sshCause } from '../../../electron/main/platform/sessions/ssh-causes';
import { fingerprintOf, knownHostsName, parseKnownHosts } from '../../../electron/main/platform/sessions/known-hosts';

describe('ssh client lines → cause', () => {
  it.each([
    [['ssh: connect to host 127.0.0.1 port 9: Connection refused'], 'connection-refused'],
    [['ssh: Could not resolve hostname hv9: Name or service not known'], 'name-not-resolved'],
    [['No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.', 'Host key verification failed.'], 'host-key-unknown'],
    [['@@@@@@@', '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @', 'Host key for [127.0.0.1]:2222 has changed and you have requested strict checking.', 'Host key verification failed.'], 'host-key-changed'],
    [['me@127.0.0.1: Permission denied (publickey).'], 'auth-failed'],
    [['subsystem request failed on channel 0'], 'no-subsystem'],
    [['Connection timed out during banner exchange'], 'timeout'],
  ])('%j is %s', (lines, reason) => {
    expect(sshCause(lines)?.reason).toBe(reason);
  });

  it('a changed key shows the line that names the host, not the banner', () => {
    expect(sshCause(['@@@@', 'WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!', 'Host key for hv1 has changed and you have requested strict checking.'])?.line).toBe(
      'Host key for hv1 has changed and you have requested strict checking.',
    );
  });

  it('nothing recognisable is no cause', () => {
    expect(sshCause(['OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19'])).toBeNull();
  });
});

describe('known_hosts', () => {
  it('fingerprints a key as ssh-keygen -l does', () => {
    // `ssh-keygen -l -E sha256` of this public key prints SHA256:XtIixbYELvHHo4vRsX421azooxMzTJG1Gu0LnsKxyBA
    expect(fingerprintOf('AAAAC3NzaC1lZDI1NTE5AAAAIDsTRf4dG7oDqlRSp1Qrnt0d8m0vUZ4ZmXEXD1tq9pYb')).toBe('SHA256:XtIixbYELvHHo4vRsX421azooxMzTJG1Gu0LnsKxyBA');
  });

  it('names a non-default port the way ssh does, and reads plain entries', () => {
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
    expect(knownHostsName('hv1', 22)).toBe('hv1');
    expect(parseKnownHosts('# c\n[10.0.0.5]:2222 ssh-ed25519 AAAA x\nhv1,hv1.lan ssh-rsa BBBB\n')).toMatchObject([
      { hosts: ['[10.0.0.5]:2222'], key: { keyType: 'ssh-ed25519', blob: 'AAAA' } },
      { hosts: ['hv1', 'hv1.lan'], key: { keyType: 'ssh-rsa', blob: 'BBBB' } },
    ]);
  });
});
