import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../../shared/ipc/errors';
import { systemClock, type Clock } from '../../platform/time/clock';

/**
 * Windows: how a WinRM terminal gets its password without argv, environment or scrollback. Node cannot put an
 * ACL on a named pipe it serves (libuv's default grants Everyone read: any local user could take the password),
 * so the roles are turned round: the shell's bootstrap (enter-host-session.ps1) creates the pipe with the
 * security descriptor built here, one instance only, accepts one client, checks that client's process Id is
 * the app's, and only then reads; the app connects and writes the secret once. On Unix the app still serves a
 * socket in a private 0700 folder (serveSecretOnce in shell-launch.ts): the folder is the ACL there.
 */

const SID = /^S-1-\d+(-\d+){1,14}$/;

/**
 * The pipe's security descriptor (SDDL), for the current user's SID: owner = the user; a protected DACL (no
 * inherited entries) that first denies every network logon (a named pipe is reachable over SMB) and then
 * allows the user alone. Everyone, Anonymous, Authenticated Users, BUILTIN\Users get nothing.
 */
export function credentialPipeSddl(userSid: string): string {
  if (!SID.test(userSid)) throw new AppError('INTERNAL', `Not a Windows SID: ${userSid.slice(0, 40)}`);
  return `O:${userSid}D:P(D;;GA;;;NU)(A;;GA;;;${userSid})`;
}

/** The SID in `whoami /user /fo csv /nh` ("domain\user","S-1-5-21-..."): the name may be localized, the SID is not. */
export function parseWhoamiSid(output: string): string {
  const m = /"(S-1-\d+(?:-\d+){1,14})"/.exec(output);
  if (!m) throw new AppError('INTERNAL', 'whoami /user printed no SID');
  return m[1]!;
}

let cachedSid: string | undefined;
export function currentUserSid(run: () => string = () => execFileSync('whoami', ['/user', '/fo', 'csv', '/nh'], { encoding: 'utf8', windowsHide: true })): string {
  cachedSid ??= parseWhoamiSid(run());
  return cachedSid;
}

/** What the bootstrap needs to serve the pipe: its name, who may own it, and the one process allowed to connect. */
export interface CredentialPipePlan {
  name: string;
  sddl: string;
  clientProcessId: number;
}

export function credentialPipePlan(userSid: string, appPid: number, name = `hyperdesk-${randomBytes(16).toString('hex')}`): CredentialPipePlan {
  if (!Number.isInteger(appPid) || appPid <= 0) throw new AppError('INTERNAL', `Bad process id ${appPid}`);
  return { name, sddl: credentialPipeSddl(userSid), clientProcessId: appPid };
}

/** The bootstrap's arguments for the plan (enter-host-session.ps1: -CredentialPipe/-CredentialPipeSddl/-CredentialClientPid). */
export function credentialPipeArgs(plan: CredentialPipePlan): string[] {
  return ['-CredentialPipe', plan.name, '-CredentialPipeSddl', plan.sddl, '-CredentialClientPid', String(plan.clientProcessId)];
}

/**
 * Connects to the bootstrap's pipe (retrying while the shell starts) and writes the secret once. A pipe that
 * never appears within `timeoutMs` ends the wait quietly: the bootstrap then fails with its own message.
 */
export function deliverSecretToPipe(
  name: string,
  secret: string,
  opts: { timeoutMs?: number; retryMs?: number; open?: (path: string) => ReturnType<typeof connect>; clock?: Clock } = {},
): { done: Promise<boolean>; cancel(): void } {
  const open = opts.open ?? ((path: string) => connect(path));
  const clock = opts.clock ?? systemClock;
  const deadline = clock.now() + (opts.timeoutMs ?? 30_000);
  let cancelled = false;
  let timer: unknown;
  const done = new Promise<boolean>((resolve) => {
    const attempt = () => {
      if (cancelled || clock.now() > deadline) return resolve(false);
      const socket = open(`\\\\.\\pipe\\${name}`);
      socket.once('connect', () => socket.end(secret + '\n', () => resolve(true)));
      socket.once('error', () => {
        socket.destroy();
        timer = clock.setTimeout(attempt, opts.retryMs ?? 50); // unref'd by systemClock
      });
    };
    attempt();
  });
  return {
    done,
    cancel: () => {
      cancelled = true;
      if (timer !== undefined) clock.clearTimeout(timer);
    },
  };
}
