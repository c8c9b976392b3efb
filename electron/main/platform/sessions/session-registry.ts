import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/ipc/errors';
import { hostConfigProblem, type HostConfig, type HostInfo, type HostInput, type HostKeyCheck, type HostPatch, type HostStatus, type HostTestResult, type HostView } from '../../../../shared/features/hosts/hosts.contract';
import { sshOptionsProblem } from '../../../../shared/features/hosts/ssh-options';
import type { LedgerOutcome } from '../../../../shared/features/ledger/ledger.contract';
import { registerSecret, type Logger } from '../../app/logger';
import { forHost, scriptCall } from '../scripts/display';
import { redactParams } from '../ledger/redact-params';
import type { Ledger } from '../ledger/ledger';
import type { ScriptLibrary } from '../powershell/script-library';
import type { AgentHub } from './agent-hub';
import type { Clock } from '../time/clock';
import { HostSession, type RunOptions, type RunOutcome, type SessionTiming } from './host-session';
import type { HostStore } from './hosts-document';
import { hostSecretKey, type SecretStore } from './secret-store';
import type { KnownHosts } from './known-hosts';

export interface RegistryEvents {
  hostsChanged(): void;
  hostState(hostId: string, status: HostStatus): void;
}

export interface SessionRegistryDeps {
  store: HostStore;
  secrets: SecretStore;
  hub: AgentHub;
  library: ScriptLibrary;
  ledger: Ledger;
  events: RegistryEvents;
  clock: Clock;
  random: () => number;
  timing: SessionTiming;
  requireHyperV: boolean;
  log: Logger;
  newId?: () => string;
  /** SSH: the app's own known_hosts and the probe that reads why an open failed (host-services wires both). */
  ssh?: { knownHosts: KnownHosts; probe: (config: HostConfig) => Promise<string[]> };
}

/**
 * The host registry and the one entry point domain services use: `run(hostId, scriptName, args, opts)`.
 * Holds a HostSession (state machine) per host, persists the host list, keeps passwords in the SecretStore,
 * and records every script call in the ledger.
 */
export class SessionRegistry {
  private hosts: HostConfig[] = [];
  private readonly sessions = new Map<string, HostSession>();
  private readonly newId: () => string;

  constructor(private readonly d: SessionRegistryDeps) {
    this.newId = d.newId ?? (() => randomUUID());
  }

  /** Loads the saved hosts and starts connecting to all of them. Returns true on a first run (no hosts file). */
  async init(): Promise<boolean> {
    // An unreadable hosts.json is set aside and logged (both paths) by the document store.
    const loaded = await this.d.store.load();
    this.hosts = loaded.hosts;
    for (const h of this.hosts) this.startSession(h);
    return loaded.firstRun;
  }

  /** The app's own known_hosts (SSH host keys the user trusted), for shells that reach the same hosts. */
  get sshKnownHostsFile(): string | undefined {
    return this.d.ssh?.knownHosts.path;
  }

  async list(): Promise<HostView[]> {
    return Promise.all(this.hosts.map((h) => this.view(h)));
  }

  async add(input: HostInput, presetId?: string): Promise<HostView> {
    const { password, ...rest } = input;
    const config: HostConfig = { ...rest, id: presetId ?? this.newId() };
    assertUsable(config);
    if (password) await this.d.secrets.set(hostSecretKey(config.id), password);
    this.hosts = [...this.hosts, config];
    await this.persist();
    this.startSession(config);
    this.d.events.hostsChanged();
    return this.view(config);
  }

  async update(id: string, patch: HostPatch): Promise<HostView> {
    const current = this.config(id);
    const { password, ...rest } = patch;
    const next = withPatch(current, rest);
    if (current.transport === 'lab' && (next.transport !== 'lab' || next.labStateDir !== current.labStateDir)) {
      throw new AppError('VALIDATION', 'A lab host keeps its transport and state folder; only its name can change');
    }
    assertUsable(next);
    if (password === null) await this.d.secrets.delete(hostSecretKey(id));
    else if (password !== undefined) await this.d.secrets.set(hostSecretKey(id), password);
    this.hosts = this.hosts.map((h) => (h.id === id ? next : h));
    await this.persist();
    await this.sessions.get(id)?.close();
    this.startSession(next);
    this.d.events.hostsChanged();
    return this.view(next);
  }

  async remove(id: string): Promise<boolean> {
    if (!this.hosts.some((h) => h.id === id)) return false;
    this.hosts = this.hosts.filter((h) => h.id !== id);
    await this.persist();
    const s = this.sessions.get(id);
    this.sessions.delete(id);
    await s?.close();
    await this.d.secrets.delete(hostSecretKey(id));
    this.d.events.hostsChanged();
    return true;
  }

  reconnect(id: string): Promise<HostView> {
    const config = this.config(id);
    this.sessions.get(id)?.connect();
    return this.view(config);
  }

  /** Tries a connection without saving anything: connect, read host info, close. */
  async test(input: HostInput): Promise<HostTestResult> {
    const { password, ...rest } = input;
    if (password) registerSecret(password);
    const config: HostConfig = { ...rest, id: `test-${this.newId()}` };
    const problem = hostConfigProblem(config);
    if (problem) return { ok: false, message: problem, durationMs: 0 };
    const refused = configRefusal(config);
    if (refused) return { ok: false, reason: 'config-refused', message: refused, durationMs: 0 };
    const started = this.d.clock.now();
    // First contact: the key is shown to the user before anything signs in; a changed one is refused.
    const key = await this.hostKeyToConfirm(config);
    if (key) {
      const message = key.status === 'changed' ? `The host key of ${config.address} has changed: refused` : `The host key of ${config.address} is not trusted yet`;
      return { ok: false, reason: key.status === 'changed' ? 'host-key-changed' : 'host-key-unknown', message, hostKey: key, durationMs: this.d.clock.now() - started };
    }
    let session: HostSession | undefined;
    const settled = new Promise<HostStatus>((resolve) => {
      session = this.createSession(config, async () => password, (status) => {
        if (status.state !== 'connecting') resolve(status);
      });
    });
    session!.connect();
    const status = await settled;
    const info = session!.info;
    await session!.close();
    const durationMs = this.d.clock.now() - started;
    if (status.state === 'ready') return { ok: true, info, durationMs };
    return { ok: false, reason: status.reason, message: status.message, ...(status.detail ? { detail: status.detail } : {}), durationMs };
  }

  /** The key an SSH host presents, compared with the app's known_hosts (null: nothing answered there). */
  async hostKey(address: string, port: number | undefined): Promise<HostKeyCheck | null> {
    return this.knownHosts().check(address, port);
  }

  /** Trusts the host's key (only the one with the fingerprint the user saw) and reconnects hosts that waited for it. */
  async trustHostKey(address: string, port: number | undefined, fingerprint: string): Promise<HostKeyCheck> {
    const check = await this.knownHosts().trust(address, port, fingerprint);
    this.d.log.info(`trusted the ${check.keyType} host key ${check.fingerprint} of ${address}:${check.port}`);
    for (const h of this.hosts) {
      const reason = this.sessions.get(h.id)?.currentStatus.reason;
      if (h.transport === 'ssh' && h.address === address && (h.port ?? 22) === check.port && (reason === 'host-key-unknown' || reason === 'host-key-changed')) this.sessions.get(h.id)?.connect();
    }
    return check;
  }

  /** Forgets the trusted keys of an address and port (the deliberate step after a key changed). */
  async forgetHostKey(address: string, port: number | undefined): Promise<number> {
    const removed = await this.knownHosts().forget(address, port);
    this.d.log.warn(`forgot ${removed} trusted host key(s) of ${address}:${port ?? 22}`);
    return removed;
  }

  private knownHosts(): KnownHosts {
    if (!this.d.ssh) throw new AppError('NOT_SUPPORTED', 'SSH host keys are not managed in this setup');
    return this.d.ssh.knownHosts;
  }

  /** An SSH host checked against the app's own known_hosts whose key is not trusted (or changed); else null. */
  private async hostKeyToConfirm(config: HostConfig): Promise<HostKeyCheck | null> {
    if (config.transport !== 'ssh' || !config.address || !this.d.ssh) return null;
    // A host that names its own UserKnownHostsFile is checked (strictly) against that file by ssh itself.
    if (Object.keys(config.sshOptions ?? {}).some((k) => k.toLowerCase() === 'userknownhostsfile')) return null;
    const key = await this.d.ssh.knownHosts.check(config.address, config.port);
    return key && key.status !== 'trusted' ? key : null;
  }

  /** Runs a library script on a host; the result is validated with opts.schema when given. Recorded in the ledger. */
  async run<T = unknown>(hostId: string, scriptName: string, args: Record<string, unknown> = {}, opts: RunOptions<T> = {}): Promise<T> {
    return (await this.runDetailed(hostId, scriptName, args, opts)).value;
  }

  async runDetailed<T = unknown>(hostId: string, scriptName: string, args: Record<string, unknown> = {}, opts: RunOptions<T> = {}): Promise<RunOutcome<T>> {
    const session = this.sessions.get(hostId);
    if (!session) throw new AppError('NOT_FOUND', `No host with id ${hostId}`, { hostId });
    const script = this.d.library.load(scriptName);
    const startedAt = this.d.clock.now();
    const params = redactParams(opts.ledgerParams ?? args);
    const record = (outcome: LedgerOutcome, warnings: string[], verbose: string[], error?: AppError) => {
      if (outcome === 'ok' && opts.record === 'errors') return;
      const id = this.newId();
      opts.onLedgerId?.(id);
      this.d.ledger.append({
        id,
        hostId,
        script: scriptName,
        params,
        // What View PowerShell shows: cmdlets with names, wrapped for a remote host; never a path on this machine.
        command: opts.display ? forHost(opts.display(params), this.hosts.find((h) => h.id === hostId)).join('\n') : scriptCall(scriptName, params),
        scriptCall: scriptCall(scriptName, params),
        startedAt: new Date(startedAt).toISOString(),
        durationMs: this.d.clock.now() - startedAt,
        outcome,
        warnings,
        ...(verbose.length ? { verbose } : {}),
        ...(error ? { error: { code: error.code, message: error.message } } : {}),
      });
    };
    try {
      const outcome = await session.run(script, args, opts);
      record('ok', outcome.streams.warnings, outcome.streams.verbose);
      return outcome;
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', String(err), { hostId });
      const warnings = ((e.extra.detail as { warnings?: string[] } | undefined)?.warnings ?? []).slice(0, 50);
      record(e.code === 'TIMEOUT' ? 'timeout' : e.code === 'CANCELLED' ? 'cancelled' : 'error', warnings, [], e);
      throw e;
    }
  }

  status(hostId: string): HostStatus | undefined {
    return this.sessions.get(hostId)?.currentStatus;
  }

  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.close()));
    await this.d.hub.dispose();
  }

  private startSession(config: HostConfig): void {
    const session = this.createSession(config, () => this.d.secrets.get(hostSecretKey(config.id)), (status) => this.d.events.hostState(config.id, status));
    this.sessions.set(config.id, session);
    session.connect();
  }

  private createSession(config: HostConfig, getPassword: () => Promise<string | undefined>, onStatus: (s: HostStatus, info?: HostInfo) => void): HostSession {
    return new HostSession({
      config,
      getPassword,
      hub: this.d.hub,
      library: this.d.library,
      clock: this.d.clock,
      random: this.d.random,
      timing: this.d.timing,
      requireHyperV: this.d.requireHyperV,
      onStatus,
      log: this.d.log,
      ...(this.d.ssh ? { ssh: { knownHostsFile: this.d.ssh.knownHosts.path, probe: this.d.ssh.probe } } : {}),
    });
  }

  private config(id: string): HostConfig {
    const c = this.hosts.find((h) => h.id === id);
    if (!c) throw new AppError('NOT_FOUND', `No host with id ${id}`, { hostId: id });
    return c;
  }

  private async view(config: HostConfig): Promise<HostView> {
    const s = this.sessions.get(config.id);
    const status = s?.currentStatus ?? { state: 'closed' as const, since: new Date(this.d.clock.now()).toISOString() };
    return { ...config, hasCredential: await this.d.secrets.has(hostSecretKey(config.id)), status, ...(s?.info ? { info: s.info } : {}) };
  }

  private persist(): Promise<void> {
    return this.d.store.save(this.hosts);
  }
}

/** The config with the patch applied: undefined keeps a field, null removes an optional one. */
function withPatch(current: HostConfig, patch: Omit<HostPatch, 'password'>): HostConfig {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return { ...(next as HostConfig), id: current.id };
}

function assertUsable(config: HostConfig): void {
  const problem = hostConfigProblem(config) ?? configRefusal(config);
  if (problem) throw new AppError('VALIDATION', problem);
}

/** Why the host's ssh options are refused (the contract checks them too; this guards every other caller). */
function configRefusal(config: HostConfig): string | null {
  return config.sshOptions ? sshOptionsProblem(config.sshOptions) : null;
}
