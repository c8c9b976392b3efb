import { describe, expect, it } from 'vitest';
import { HostInput, HostPatch } from '../../../shared/features/hosts/hosts.contract';
import { sshOptionsProblem } from '../../../shared/features/hosts/ssh-options';
import { strictSshOptions } from '../../../electron/main/platform/sessions/ssh-policy';

const ssh = (sshOptions: Record<string, string>) => ({ name: 'h', transport: 'ssh' as const, address: 'hv1', sshOptions });
const refusal = (sshOptions: Record<string, string>) => {
  const r = HostInput.safeParse(ssh(sshOptions));
  return r.success ? null : r.error.issues.map((i) => i.message).join('; ');
};

describe('sshOptions allowlist (#14)', () => {
  it.each([
    [{ ProxyCommand: 'touch /tmp/x' }, /ProxyCommand is not allowed/],
    [{ proxycommand: 'touch /tmp/x' }, /proxycommand is not allowed/],
    [{ PROXYCOMMAND: 'nc %h %p' }, /PROXYCOMMAND is not allowed/],
    [{ 'proxycommand=touch /tmp/x': '' }, /proxycommand is not allowed/],
    [{ 'ProxyCommand touch': '/tmp/x' }, /ProxyCommand is not allowed/],
    [{ LocalCommand: 'touch /tmp/x' }, /LocalCommand is not allowed/],
    [{ PermitLocalCommand: 'yes' }, /PermitLocalCommand is not allowed/],
    [{ Match: 'exec "touch /tmp/x"' }, /Match is not allowed/],
    [{ 'Match exec': 'touch /tmp/x' }, /Match is not allowed/],
    [{ ProxyJump: 'jump.example' }, /ProxyJump is not allowed/],
    [{ KnownHostsCommand: '/bin/true' }, /KnownHostsCommand is not allowed/],
    [{ Include: '/etc/evil' }, /Include is not allowed/],
    [{ StrictHostKeyChecking: 'no' }, /StrictHostKeyChecking can only be yes/],
    [{ stricthostkeychecking: 'accept-new' }, /StrictHostKeyChecking can only be yes/],
    [{ Port: '22\nProxyCommand touch /tmp/x' }, /Port has a value that is not allowed/],
    [{ Ciphers: 'aes128-ctr ProxyCommand=x' }, /Ciphers has a value that is not allowed/],
    [{ Port: '22', port: '23' }, /given twice/],
  ])('refuses %j with an error naming the option', (options, message) => {
    expect(sshOptionsProblem(options)).toMatch(message);
    expect(refusal(options)).toMatch(message);
    expect(HostPatch.safeParse({ sshOptions: options }).success).toBe(false);
  });

  it.each<Record<string, string>>([
    { Port: '2222', IdentityFile: '/home/a/.ssh/id_ed25519', IdentitiesOnly: 'yes' },
    { Ciphers: 'aes256-gcm@openssh.com,chacha20-poly1305@openssh.com', MACs: 'hmac-sha2-256', KexAlgorithms: '+diffie-hellman-group14-sha256', HostKeyAlgorithms: 'ssh-ed25519' },
    { ConnectTimeout: '10', ServerAliveInterval: '15', ServerAliveCountMax: '3', ConnectionAttempts: '2' },
    { StrictHostKeyChecking: 'yes', UserKnownHostsFile: '/etc/ssh/ssh_known_hosts' },
    { serveraliveinterval: '30' },
  ])('allows %j', (options) => {
    expect(sshOptionsProblem(options)).toBeNull();
    expect(refusal(options)).toBeNull();
  });

  it('every session checks host keys strictly, against the app file unless the host names its own', () => {
    expect(strictSshOptions({ sshOptions: { ConnectTimeout: '5' } }, '/data/known_hosts')).toEqual({ ConnectTimeout: '5', StrictHostKeyChecking: 'yes', UserKnownHostsFile: '/data/known_hosts' });
    expect(strictSshOptions({ sshOptions: { userknownhostsfile: '/etc/ssh/ssh_known_hosts', stricthostkeychecking: 'yes' } }, '/data/known_hosts')).toEqual({
      StrictHostKeyChecking: 'yes',
      UserKnownHostsFile: '/etc/ssh/ssh_known_hosts',
    });
  });

  it('an address that ssh would read as an option is refused', () => {
    expect(HostInput.safeParse({ name: 'h', transport: 'ssh', address: '-oProxyCommand=touch /tmp/x' }).success).toBe(false);
    expect(HostInput.safeParse({ name: 'h', transport: 'ssh', address: 'hv1.example.com' }).success).toBe(true);
  });
});
