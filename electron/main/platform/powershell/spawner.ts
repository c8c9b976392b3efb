import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** The slice of a child process the session layer uses; tests supply fakes that speak the agent protocol. */
export interface SpawnedProcess {
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  kill(signal?: NodeJS.Signals): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
}

export interface SpawnRequest {
  command: string;
  args: readonly string[];
  /** Full environment for the child (callers start from process.env). Never carries secrets. */
  env: Record<string, string | undefined>;
}

export type Spawner = (req: SpawnRequest) => SpawnedProcess;

/** The real seam, wired only in compose.ts and in integration tests. */
export const nodeSpawner: Spawner = (req) => {
  const child = spawn(req.command, [...req.args], { env: req.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  return {
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    kill: (signal) => void child.kill(signal),
    onExit: (listener) => {
      child.on('exit', listener);
      // A failed spawn (ENOENT) emits 'error' and no 'exit'; report it as an exit so callers unwind.
      child.on('error', () => listener(null, 'spawn-error'));
    },
  };
};

/** For unit tests: any attempt to start a real process fails the test loudly. */
export const forbiddenSpawner: Spawner = (req) => {
  throw new Error(`unexpected process spawn in a unit test: ${req.command}`);
};
