import { z } from 'zod';

/*
 * Which ssh_config options a host may carry in `sshOptions` (passed to New-PSSession -Options, i.e. `ssh -o`).
 * hosts.json is read on every start, so an option that runs a local command (ProxyCommand, LocalCommand,
 * PermitLocalCommand, Match exec, KnownHostsCommand...) would run again each time: only options that shape the
 * connection itself are allowed. Host key checking always stays strict (the session adds
 * StrictHostKeyChecking=yes and the app's own known_hosts), so the only value StrictHostKeyChecking may take is yes.
 * ProxyJump is refused too: it starts a second ssh to a jump host whose key the app has never shown anyone, with
 * whatever the user's ~/.ssh/config says for that host.
 */
const allowed: Record<string, (value: string) => boolean> = {
  port: (v) => /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535,
  identityfile: (v) => v.trim().length > 0,
  identitiesonly: yesNo,
  ciphers: algorithmList,
  macs: algorithmList,
  kexalgorithms: algorithmList,
  hostkeyalgorithms: algorithmList,
  pubkeyacceptedalgorithms: algorithmList,
  connecttimeout: seconds,
  serveraliveinterval: seconds,
  serveralivecountmax: seconds,
  connectionattempts: seconds,
  stricthostkeychecking: (v) => v.toLowerCase() === 'yes',
  userknownhostsfile: (v) => v.trim().length > 0,
  checkhostip: yesNo,
  loglevel: (v) => /^(quiet|fatal|error|info|verbose)$/i.test(v),
};

/** The allowed names as ssh spells them (for messages). */
export const allowedSshOptions = [
  'Port', 'IdentityFile', 'IdentitiesOnly', 'Ciphers', 'MACs', 'KexAlgorithms', 'HostKeyAlgorithms', 'PubkeyAcceptedAlgorithms',
  'ConnectTimeout', 'ServerAliveInterval', 'ServerAliveCountMax', 'ConnectionAttempts', 'StrictHostKeyChecking',
  'UserKnownHostsFile', 'CheckHostIP', 'LogLevel',
] as const;

function yesNo(v: string): boolean {
  return /^(yes|no)$/i.test(v);
}
function seconds(v: string): boolean {
  return /^\d{1,6}$/.test(v);
}
function algorithmList(v: string): boolean {
  return /^[+\-^]?[A-Za-z0-9@.,_-]+$/.test(v);
}

/** The option's name as ssh reads it: the text before `=` or a space (`proxycommand=x` is ProxyCommand). */
function optionName(key: string): string {
  return key.trim().split(/[\s=]/, 1)[0] ?? '';
}

/** Why these ssh options are refused (naming the first bad option), or null when every one is allowed. */
export function sshOptionsProblem(options: Record<string, string>): string | null {
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(options)) {
    const name = optionName(key);
    const lower = name.toLowerCase();
    if (!/^[A-Za-z]+$/.test(key.trim()) || !Object.hasOwn(allowed, lower)) {
      return `The ssh option ${name || JSON.stringify(key)} is not allowed (allowed: ${allowedSshOptions.join(', ')})`;
    }
    if (seen.has(lower)) return `The ssh option ${name} is given twice`;
    seen.add(lower);
    // ssh reads a value as config text: a line break or NUL would start a second option.
    if (/[\u0000-\u001f\u007f]/.test(value) || !allowed[lower]!(value.trim())) {
      return lower === 'stricthostkeychecking'
        ? 'The ssh option StrictHostKeyChecking can only be yes: host keys are always checked'
        : `The ssh option ${name} has a value that is not allowed: ${JSON.stringify(value.slice(0, 80))}`;
    }
  }
  return null;
}

/** sshOptions as the contract accepts them: a small map of allowed options (see sshOptionsProblem). */
export const SshOptions = z
  .record(z.string().max(64), z.string().max(4096))
  .superRefine((options, ctx) => {
    if (Object.keys(options).length > 32) ctx.addIssue({ code: 'custom', message: 'At most 32 ssh options' });
    const problem = sshOptionsProblem(options);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** sshOptions as read from hosts.json: any map, so one bad saved option is reported on its host, not the whole file. */
export const StoredSshOptions = z.record(z.string(), z.string());
