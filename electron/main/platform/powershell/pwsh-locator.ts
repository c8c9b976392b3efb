import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Which PowerShell to run: HYPERDESK_PWSH if set, else pwsh (7) from PATH, else Windows PowerShell 5.1
 * (powershell.exe) on Windows. The agent and the scripts run on both.
 */
export function locatePowerShell(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string {
  if (env.HYPERDESK_PWSH) return env.HYPERDESK_PWSH;
  const isWin = process.platform === 'win32';
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const names = isWin ? ['pwsh.exe', 'powershell.exe'] : ['pwsh'];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (exists(candidate)) return candidate;
    }
  }
  return isWin ? 'powershell.exe' : 'pwsh';
}

export function agentArgs(agentPath: string): string[] {
  const args = ['-NoLogo', '-NoProfile', '-NonInteractive'];
  if (process.platform === 'win32') args.push('-ExecutionPolicy', 'Bypass');
  return [...args, '-File', agentPath];
}
