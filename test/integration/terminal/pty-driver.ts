import { createNodePtySpawner } from '../../../electron/main/features/terminal/node-pty-spawner';
import { TerminalService } from '../../../electron/main/features/terminal/terminal.service';
import type { HostShellSettings, ShellLauncher } from '../../../electron/main/features/terminal/shell-launch';
import { createShellLauncher } from '../../../electron/main/features/terminal/shell-launch';
import { locatePowerShell } from '../../../electron/main/platform/powershell/pwsh-locator';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>]/g;

/**
 * Drives the real terminal service with real PTYs the way the renderer's xterm does: it answers the
 * shell's cursor-position queries, acks every character it receives, and keeps the text per session.
 */
export class PtyDriver {
  readonly service: TerminalService;
  private readonly raw = new Map<string, string>();
  private readonly chars = new Map<string, number>();
  readonly client = 'test-client';
  /** Acks are held back this long (0: at once), to act like a slower renderer. */
  ackDelayMs = 0;

  constructor(opts: { hosts?: HostShellSettings[]; resourcesDir: string; launch?: ShellLauncher }) {
    const hosts = opts.hosts ?? [];
    this.service = new TerminalService({
      spawn: createNodePtySpawner(),
      launch:
        opts.launch ??
        createShellLauncher({
          resourcesDir: opts.resourcesDir,
          shell: locatePowerShell(),
          hosts: { list: async () => hosts, get: async (id) => hosts.find((h) => h.id === id) },
        }),
      sink: { output: (_to, id, data) => this.onOutput(id, data), exit: () => undefined },
      log: quiet,
    });
  }

  private onOutput(id: string, data: string): void {
    // Keep only the tail for matching; count everything for completeness checks.
    const prev = this.raw.get(id) ?? '';
    const next = prev + data;
    this.raw.set(id, next.length > 4_000_000 ? next.slice(-2_000_000) : next);
    this.chars.set(id, (this.chars.get(id) ?? 0) + data.length);
    if (data.includes('\x1b[6n')) {
      try {
        this.service.input(this.client, id, '\x1b[1;1R'); // answer the cursor-position query as a terminal would
      } catch {
        // the session closed while its last output was in flight: nobody is left to answer
      }
    }
    const ack = () => {
      try {
        this.service.ack(this.client, id, data.length);
      } catch {
        // the session was closed while the ack was pending: nothing to ack any more
      }
    };
    if (this.ackDelayMs > 0) setTimeout(ack, this.ackDelayMs);
    else ack();
  }

  text(id: string): string {
    return (this.raw.get(id) ?? '').replace(ANSI, '');
  }

  rawText(id: string): string {
    return this.raw.get(id) ?? '';
  }

  received(id: string): number {
    return this.chars.get(id) ?? 0;
  }

  /** Waits until the screen text (from character `from` on) matches. */
  async waitFor(id: string, pattern: RegExp, timeoutMs = 20_000, from = 0): Promise<RegExpMatchArray> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = this.text(id).slice(from).match(pattern);
      if (m) return m;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; screen tail: ${JSON.stringify(this.text(id).slice(-600))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  dispose(): void {
    this.service.dispose();
  }
}
