import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * The floor of the sessions benchmark as a served process (bench/floor.ps1): a bare pwsh holding one
 * PSSession per host, timing `Invoke-Command` with its own Stopwatch on command, so the benchmark can alternate
 * floor and ours call by call.
 */
export class FloorServer {
  private readonly lines: string[] = [];
  private wake: (() => void) | undefined;
  private exited = false;

  private constructor(readonly proc: ChildProcessWithoutNullStreams) {
    createInterface({ input: proc.stdout }).on('line', (l) => {
      // ssh clients share this stdout ("ssh: connect to host …"): only JSON lines are the floor's answers.
      if (!l.startsWith('{')) return void process.stderr.write(`floor (other output): ${l}\n`);
      this.lines.push(l);
      this.wake?.();
    });
    proc.stderr.on('data', (c: Buffer) => {
      const t = c.toString('utf8');
      if (!/Permanently added/.test(t)) process.stderr.write(`floor: ${t}`);
    });
    proc.on('exit', () => {
      this.exited = true;
      this.wake?.();
    });
  }

  static async start(command: string, prefixArgs: string[], env: Record<string, string>, floorPs1: string, hostsJson: string, scriptPath: string) {
    const proc = spawn(command, [...prefixArgs, '-NoLogo', '-NoProfile', '-NonInteractive', '-File', floorPs1, '-HostsJson', hostsJson, '-ScriptPath', scriptPath], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const server = new FloorServer(proc);
    const ready = JSON.parse(await server.next()) as { openMs: number; pid: number };
    return { server, openMs: ready.openMs, pid: ready.pid };
  }

  /** 'single' = host 0, 'fan' = every host; resolves with the floor's own measured milliseconds. */
  async time(what: 'single' | 'fan'): Promise<number> {
    this.proc.stdin.write(`${what}\n`);
    const r = JSON.parse(await this.next()) as { ms: number; results: number };
    if (r.results < 1) throw new Error(`floor ${what}: no output`);
    return r.ms;
  }

  async quit(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.stdin.end('quit\n');
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 15_000);
    await done;
    clearTimeout(t);
  }

  private async next(): Promise<string> {
    for (;;) {
      const l = this.lines.shift();
      if (l !== undefined) return l;
      if (this.exited) throw new Error('floor process exited');
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }
}
