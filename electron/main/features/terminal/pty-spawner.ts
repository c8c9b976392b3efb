/**
 * The seam between the terminal service and real pseudo-terminals. The composition root wires node-pty;
 * tests pass a fake. The default spawner refuses, so a test that forgets its fake fails loudly instead
 * of starting a shell.
 */
export interface PtySpawnOptions {
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
}

export interface PtyProcess {
  readonly pid: number;
  /** Chunks as the OS hands them over: Buffers (raw UTF-8, may split a character) or already-decoded strings. */
  onData(listener: (chunk: Buffer | string) => void): void;
  onExit(listener: (exitCode: number) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(): void;
}

export type PtySpawner = (file: string, args: readonly string[], opts: PtySpawnOptions) => PtyProcess;

export const refusingPtySpawner: PtySpawner = (file) => {
  throw new Error(`no pty spawner wired: refusing to start ${file} (tests must pass a fake)`);
};
