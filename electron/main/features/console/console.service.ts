import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/ipc/errors';
import type {
  ConsoleOpenResult,
  ConsoleStreamStats,
  ConsoleVisibility,
  ConsoleVmState,
  HandoffTool,
} from '../../../../shared/features/console/console.contract';
import type { EventBus } from '../../platform/ipc/event-bus';
import type { Clock } from '../../platform/time/clock';
import type { ClientPresence } from '../../platform/live/client-presence';
import { LeaseTable } from '../../platform/live/lease-table';
import { liveEmitter, type LiveEmit } from '../../platform/live/live-handlers';
import { createLogger } from '../../app/logger';
import { ConsolePoller, defaultTiming, type PollerTiming } from './console-poller';
import type { HostScripts } from '../../platform/scripts/script-runner';
import { consoleInfoScript, listConsoleVmsScript, sendConsoleKeysScript, sendConsoleMouseScript, startConsoleVmScript } from './console.scripts';
import { planKeys, type KeyActionInput } from './key-ops';
import type { ConsoleHandoff } from './console-handoff';

export interface ConsoleServiceDeps {
  /** Scripts on hosts; frame polls go through the per-host gate (host-gate.ts). */
  hosts: Pick<HostScripts, 'on'>;
  /** Called before a console opens (compose re-reads where hosts live, for the hand-off). */
  beforeOpen?: () => Promise<void>;
  bus: Pick<EventBus, 'emitTo'>;
  clock: Clock;
  handoff: ConsoleHandoff;
  timing?: PollerTiming;
  /** A stream whose client stopped renewing its lease (tab killed, window gone) is closed after this long. */
  leaseMs?: number;
  /** Closes a client's streams as soon as its connection goes (platform/live), rather than when the lease lapses. */
  presence?: ClientPresence;
}

interface Stream {
  id: string;
  clientId: string;
  hostId: string;
  vmId: string;
  unicode: boolean;
  poller: ConsolePoller;
  /** Keyboard calls of one console run in order, one after another. */
  keys: Promise<unknown>;
}

const stateNames: Record<number, ConsoleVmState> = { 2: 'Running', 3: 'Off', 6: 'Saved', 9: 'Paused', 32768: 'Paused', 32769: 'Saved', 10: 'Starting', 32770: 'Starting' };

/**
 * Console streams, each owned by the client that opened it: only that client receives its frames
 * (EventBus.emitTo) and only it can type, close or query it.
 */
export class ConsoleService {
  private readonly streams = new Map<string, Stream>();
  /** Figures of closed streams, so a client can see that closing stopped the polling. */
  private readonly closed: ConsoleStreamStats[] = [];
  private readonly closedOwner = new WeakMap<ConsoleStreamStats, string>();
  /** Frame requests of every closed stream, all clients: with the live ones, what this app asked hosts for. */
  private closedFrameRequests = 0;
  private readonly log = createLogger('console');
  /**
   * The streams' leases (platform/live), one holder each: console.lease renews with the visibility, and the
   * lease's end (console.release, lapse, client gone) closes the stream.
   */
  readonly leases: LeaseTable<ConsoleVisibility>;
  /** Frames and status go to the stream's lease holder (its opener) only. */
  private readonly emit: LiveEmit;

  constructor(private readonly deps: ConsoleServiceDeps) {
    const leaseMs = deps.leaseMs ?? 45_000;
    this.leases = new LeaseTable<ConsoleVisibility>({
      clock: deps.clock,
      ttlMs: leaseMs,
      renewMs: Math.min(15_000, Math.floor(leaseMs / 3)),
      presence: deps.presence,
      onMode: (id, visibility) => this.streams.get(id)?.poller.setVisibility(visibility),
      onLastClose: (id, reason) => {
        const s = this.streams.get(id);
        if (!s) return;
        if (reason !== 'released') this.log.warn(`${s.clientId}: console ${id} lease ended (${reason}), closing it`);
        void this.close(s.clientId, id);
      },
    });
    this.emit = liveEmitter(this.leases, deps.bus);
  }

  async open(clientId: string, hostId: string, vmId: string, signal?: AbortSignal): Promise<ConsoleOpenResult> {
    await this.deps.beforeOpen?.();
    const { value: info } = await this.deps.hosts.on(hostId).run(consoleInfoScript, { VmId: vmId }, { signal });
    if (!info.found) throw new AppError('NOT_FOUND', `No virtual machine with id ${vmId} on this host.`, { hostId });
    const id = randomUUID();
    const poller = new ConsolePoller(
      this.deps.hosts.on(hostId),
      vmId,
      {
        frame: (f) => this.emit(id, 'console.frame', { streamId: id, ...f }),
        status: (s) => this.emit(id, 'console.status', { streamId: id, ...s }),
      },
      this.deps.clock,
      this.deps.timing ?? defaultTiming,
    );
    const state = stateNames[info.enabledState] ?? 'Other';
    poller.state = state;
    this.streams.set(id, { id, clientId, hostId, vmId, unicode: info.unicode, poller, keys: Promise.resolve() });
    poller.start();
    this.leases.open(clientId, id);
    this.log.info(`${clientId}: console ${id} opened for ${vmId} on ${hostId}`);
    return {
      streamId: id,
      vmId,
      vmName: info.name,
      state,
      width: info.width,
      height: info.height,
      keyboard: { available: info.keyboard, unicodeSupported: info.unicode, layout: info.layout },
      mouse: { available: info.mouse },
      handoff: this.deps.handoff.availability(hostId),
    };
  }

  async listVms(hostId: string, signal?: AbortSignal) {
    return (await this.deps.hosts.on(hostId).run(listConsoleVmsScript, {}, { signal })).value;
  }

  async close(clientId: string, streamId: string): Promise<boolean> {
    const s = this.streams.get(streamId);
    if (!s || s.clientId !== clientId) return false;
    this.streams.delete(streamId);
    this.leases.release(clientId, streamId); // its last-close hook finds the stream gone
    await s.poller.dispose();
    this.closedFrameRequests += s.poller.frameRequests;
    this.closed.push(this.statsOf(s));
    if (this.closed.length > 50) this.closed.shift();
    this.log.info(`${clientId}: console ${streamId} closed after ${s.poller.frameRequests} frame requests`);
    return true;
  }

  /** Renews the stream's lease with a visibility (what console.lease does): the poller follows it. */
  setVisibility(clientId: string, streamId: string, visibility: ConsoleVisibility): ConsoleVisibility {
    this.own(clientId, streamId);
    this.leases.renew(clientId, streamId, visibility);
    return visibility;
  }

  async sendKeys(clientId: string, streamId: string, actions: KeyActionInput[], perKey: boolean | undefined, signal?: AbortSignal) {
    const s = this.own(clientId, streamId);
    const plan = planKeys(actions, { unicodeSupported: s.unicode, perKey: perKey ?? false });
    const job = s.keys.then(async () => {
      const started = this.deps.clock.now();
      if (plan.ops.length === 0) return { sent: 0, notSent: plan.notSent, latencyMs: 0 };
      const { value: r } = await this.deps.hosts.on(s.hostId).run(sendConsoleKeysScript, { VmId: s.vmId, OpsJson: JSON.stringify(plan.ops) }, { signal });
      s.poller.kick(); // show the echo now rather than after the current wait
      return { sent: r.sent, notSent: [...plan.notSent, ...r.notSent], latencyMs: this.deps.clock.now() - started };
    });
    s.keys = job.catch(() => undefined); // the next call waits for this one, whatever its outcome (the caller sees the error)
    return job;
  }

  async mouse(clientId: string, streamId: string, m: { x: number; y: number; action: 'move' | 'click' | 'down' | 'up'; button?: number }, signal?: AbortSignal) {
    const s = this.own(clientId, streamId);
    const { value } = await this.deps.hosts.on(s.hostId).run(sendConsoleMouseScript, { VmId: s.vmId, X: m.x, Y: m.y, Action: m.action, Button: m.button ?? 1 }, { signal });
    s.poller.kick();
    return value;
  }

  async powerOn(clientId: string, streamId: string, signal?: AbortSignal): Promise<ConsoleVmState> {
    const s = this.own(clientId, streamId);
    const { value: r } = await this.deps.hosts.on(s.hostId).run(startConsoleVmScript, { VmId: s.vmId }, { signal });
    s.poller.kick();
    const known: readonly string[] = ['Running', 'Off', 'Saved', 'Paused', 'Starting', 'Stopping'];
    return (known.includes(r.state) ? r.state : 'Other') as ConsoleVmState;
  }

  handoff(clientId: string, streamId: string, tool: HandoffTool): void {
    const s = this.own(clientId, streamId);
    this.deps.handoff.launch(tool, s.hostId, s.vmId);
  }

  stats(clientId: string): { streams: ConsoleStreamStats[]; totalFrameRequests: number; allClientsFrameRequests: number } {
    const live = [...this.streams.values()].filter((s) => s.clientId === clientId).map((s) => this.statsOf(s));
    const all = [...live, ...this.closed.filter((c) => this.closedOwner.get(c) === clientId)];
    const liveAllClients = [...this.streams.values()].reduce((n, s) => n + s.poller.frameRequests, 0);
    return {
      streams: all,
      totalFrameRequests: all.reduce((n, s) => n + s.frameRequests, 0),
      allClientsFrameRequests: this.closedFrameRequests + liveAllClients,
    };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => this.close(s.clientId, s.id)));
    this.leases.dispose();
  }

  private statsOf(s: Stream): ConsoleStreamStats {
    const p = s.poller;
    const st: ConsoleStreamStats = {
      streamId: s.id,
      hostId: s.hostId,
      vmId: s.vmId,
      visibility: p.visibility,
      polling: p.polling,
      frameRequests: p.frameRequests,
      framesSent: p.framesSent,
      framesUnchanged: p.framesUnchanged,
      fps: p.fps,
      latencyMs: Math.round(p.latencyMs),
    };
    this.closedOwner.set(st, s.clientId);
    return st;
  }

  private own(clientId: string, streamId: string): Stream {
    const s = this.streams.get(streamId);
    // Another client's stream is reported as missing: stream ids are not a capability to borrow.
    if (!s || s.clientId !== clientId) throw new AppError('NOT_FOUND', 'This console is closed.');
    return s;
  }
}
