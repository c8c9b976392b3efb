import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { HandoffSeams } from './console-handoff';
import { createLogger } from '../../app/logger';

const log = createLogger('console');

/** The real seams (wired in compose.ts only): PATH lookup and a detached spawn with an argument array. */
export function systemHandoffSeams(): HandoffSeams {
  return {
    platform: process.platform,
    findExecutable(name) {
      const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
      // vmconnect.exe lives in System32, which is on PATH on every Windows; the explicit entry covers a trimmed PATH.
      if (process.platform === 'win32' && process.env.SystemRoot) dirs.push(join(process.env.SystemRoot, 'System32'));
      for (const d of dirs) {
        const p = join(d, name);
        try {
          accessSync(p, constants.X_OK);
          return p;
        } catch {
          continue; // not in this PATH entry
        }
      }
      return null;
    },
    spawnDetached(command, args) {
      const child = spawn(command, args, { detached: true, stdio: 'ignore', shell: false });
      child.on('error', (err) => log.error(`${command} failed to start: ${err.message}`));
      child.unref();
    },
  };
}
