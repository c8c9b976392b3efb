import type { IPty } from 'node-pty';
import type { PtyProcess, PtySpawner } from './pty-spawner';

/**
 * The real spawner, used only by the composition root. node-pty is native and loaded lazily so that
 * importing the terminal service never loads it (tests, tools). `encoding: null` hands us raw Buffers,
 * which our decoder turns into text without splitting multi-byte characters across batches.
 */
export function createNodePtySpawner(): PtySpawner {
  return (file, args, opts) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pty = require('node-pty') as typeof import('node-pty');
    const proc: IPty = pty.spawn(file, [...args], {
      name: 'xterm-256color',
      cols: opts.cols,
      rows: opts.rows,
      cwd: opts.cwd,
      env: opts.env,
      encoding: null,
    });
    const wrapped: PtyProcess = {
      pid: proc.pid,
      onData: (l) => {
        proc.onData((d: unknown) => l(d as Buffer | string));
      },
      onExit: (l) => {
        proc.onExit((e) => l(e.exitCode));
      },
      write: (d) => proc.write(d),
      resize: (c, r) => proc.resize(c, r),
      pause: () => proc.pause(),
      resume: () => proc.resume(),
      kill: () => proc.kill(),
    };
    return wrapped;
  };
}
