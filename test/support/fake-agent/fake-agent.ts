import { PassThrough } from 'node:stream';
import type { AgentRequest } from '../../../electron/main/platform/powershell/protocol';
import type { SpawnedProcess, Spawner, SpawnRequest } from '../../../electron/main/platform/powershell/spawner';

/** What a fake agent answers to one request: a frame body (id is filled in), or nothing to leave it hanging. */
export type FakeAnswer = Record<string, unknown> | undefined;
export type FakeBehaviour = (req: AgentRequest, agent: FakeAgent) => FakeAnswer | Promise<FakeAnswer>;

const noStreams = { warnings: [], verbose: [], information: [] };

/** Frame bodies with the protocol's required fields, so tests state only what matters to them. */
export const frames = {
  opened: (key: string) => ({ t: 'opened', key, sessionState: 'Opened' }),
  result: (data: unknown) => ({ t: 'result', data: typeof data === 'string' ? data : JSON.stringify(data), sessionState: 'Opened', streams: noStreams }),
  error: (code: string, message: string, extra: Record<string, unknown> = {}) => ({
    t: 'error',
    code,
    message,
    errors: [{ message, category: 'OpenError', fqid: 'PSSessionOpenFailed', exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException', transport: true }],
    ...extra,
  }),
};

/**
 * A stand-in for the PowerShell agent process at the Spawner seam: it reads the real NDJSON requests main
 * writes and answers with frames from `behave`, so the session layer above it (AgentProcess, AgentHub,
 * HostSession, SessionRegistry) runs unchanged and fast, with no pwsh.
 */
export class FakeAgent implements SpawnedProcess {
  readonly pid: number;
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly requests: AgentRequest[] = [];
  private exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
  private buffered = '';
  exited = false;

  constructor(
    readonly spawn: SpawnRequest,
    private readonly behave: FakeBehaviour,
    pid: number,
  ) {
    this.pid = pid;
    this.stdin.setEncoding('utf8');
    this.stdin.on('data', (chunk: string) => this.onInput(chunk));
    this.stdin.on('end', () => this.exit(0)); // like the real agent: stdin closed = quit
    setImmediate(() => this.send({ id: 0, t: 'ready', psVersion: '7.6.9', edition: 'Core', pid }));
  }

  kill(): void {
    this.exit(null, 'SIGTERM');
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListeners.push(listener);
  }

  /** The process dies on its own (crash, killed from outside). */
  exit(code: number | null, signal: string | null = null): void {
    if (this.exited) return;
    this.exited = true;
    this.stdout.end();
    this.stderr.end();
    for (const l of this.exitListeners) l(code, signal);
  }

  send(frame: Record<string, unknown>): void {
    if (!this.exited) this.stdout.write(`${JSON.stringify(frame)}\n`);
  }

  private onInput(chunk: string): void {
    this.buffered += chunk;
    let nl: number;
    while ((nl = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      if (!line.trim()) continue;
      const req = JSON.parse(line) as AgentRequest;
      this.requests.push(req);
      void Promise.resolve(this.behave(req, this)).then((answer) => {
        if (answer) this.send({ ...answer, id: req.id });
      });
    }
  }
}

/** A Spawner that makes FakeAgents; `agents` lists every one started, in order. */
export function fakeAgentSpawner(behave: FakeBehaviour): { spawner: Spawner; agents: FakeAgent[] } {
  const agents: FakeAgent[] = [];
  const spawner: Spawner = (req) => {
    const agent = new FakeAgent(req, behave, 40_000 + agents.length);
    agents.push(agent);
    return agent;
  };
  return { spawner, agents };
}
