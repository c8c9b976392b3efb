import type { PtyProcess, PtySpawner } from '../../../electron/main/features/terminal/pty-spawner';

/** A PTY a test drives by hand: it records what the service does to it and emits what the test says. */
export class FakePty implements PtyProcess {
  static nextPid = 1000;
  readonly pid = FakePty.nextPid++;
  readonly written: string[] = [];
  readonly sizes: Array<[number, number]> = [];
  paused = false;
  pauses = 0;
  resumes = 0;
  killed = false;
  private dataListeners: Array<(c: Buffer | string) => void> = [];
  private exitListeners: Array<(code: number) => void> = [];

  constructor(
    readonly file: string,
    readonly args: readonly string[],
    readonly env: Record<string, string>,
  ) {}

  onData(l: (c: Buffer | string) => void): void {
    this.dataListeners.push(l);
  }
  onExit(l: (code: number) => void): void {
    this.exitListeners.push(l);
  }
  write(d: string): void {
    this.written.push(d);
  }
  resize(c: number, r: number): void {
    this.sizes.push([c, r]);
  }
  pause(): void {
    this.paused = true;
    this.pauses++;
  }
  resume(): void {
    this.paused = false;
    this.resumes++;
  }
  kill(): void {
    this.killed = true;
    this.exit(0);
  }
  emit(chunk: Buffer | string): void {
    for (const l of this.dataListeners) l(chunk);
  }
  exit(code: number): void {
    const ls = this.exitListeners;
    this.exitListeners = [];
    for (const l of ls) l(code);
  }
}

export function fakeSpawner(): { spawn: PtySpawner; spawned: FakePty[] } {
  const spawned: FakePty[] = [];
  return {
    spawned,
    spawn: (file, args, opts) => {
      const p = new FakePty(file, args, opts.env);
      spawned.push(p);
      return p;
    },
  };
}
