import { delimiter } from 'node:path';
import type { Clock } from '../time/clock';
import { createLogger, type Logger } from '../../app/logger';
import { AgentProcess } from '../powershell/agent-process';
import { agentArgs } from '../powershell/pwsh-locator';
import { launcherCommand, type PowerShellCommand } from '../powershell/pwsh-runtime';
import type { Spawner } from '../powershell/spawner';

export interface AgentHubOptions {
  spawner: Spawner;
  pwshPath: string;
  agentScriptPath: string;
  /** <resourcesDir>/assets/lab/modules: prepended to PSModulePath for lab hosts. */
  labModulesDir: string;
  baseEnv: Record<string, string | undefined>;
  /**
   * Finds the real PowerShell behind pwshPath (pwsh-runtime.ts), asked once, before the first agent starts.
   * Without it, or if the answer fails to start an agent, agents start through pwshPath itself.
   */
  resolveCommand?: () => Promise<PowerShellCommand>;
  /** Extra environment for agents (.NET runtime settings that keep an agent's memory small). */
  agentEnv?: Record<string, string>;
  log?: Logger;
  /** Handed to each agent for its timers. */
  clock?: Clock;
}

/**
 * Owns the PowerShell agent processes: ONE shared agent holds every remote (SSH/WinRM) session, so 16 hosts
 * cost one pwsh; local hosts get their own agent because their environment (lab state folder) is per process.
 */
interface Slot {
  promise: Promise<AgentProcess>;
  agent?: AgentProcess;
}

export class AgentHub {
  private remoteSlot: Slot | undefined;
  private readonly locals = new Map<string, Slot>();
  private readonly log: Logger;
  private disposed = false;
  private command: Promise<PowerShellCommand> | undefined;

  constructor(private readonly opts: AgentHubOptions) {
    this.log = opts.log ?? createLogger('agents');
  }

  remote(): Promise<AgentProcess> {
    if (!usable(this.remoteSlot)) this.remoteSlot = this.spawn('remote', this.opts.baseEnv, () => (this.remoteSlot = undefined));
    return this.remoteSlot!.promise;
  }

  /** A local agent for one host; labStateDir set means a lab host (simulated Hyper-V modules). */
  local(hostId: string, labStateDir: string | undefined): Promise<AgentProcess> {
    const existing = this.locals.get(hostId);
    if (usable(existing)) return existing!.promise;
    const env = { ...this.opts.baseEnv };
    if (labStateDir) {
      const current = env.PSModulePath ?? '';
      env.PSModulePath = current ? `${this.opts.labModulesDir}${delimiter}${current}` : this.opts.labModulesDir;
      env.HYPERDESK_LAB_STATE = labStateDir;
    }
    const slot = this.spawn(`local:${hostId}`, env, () => {
      if (this.locals.get(hostId) === slot) this.locals.delete(hostId);
    });
    this.locals.set(hostId, slot);
    return slot.promise;
  }

  async releaseLocal(hostId: string): Promise<void> {
    const slot = this.locals.get(hostId);
    this.locals.delete(hostId);
    if (slot) await (await slot.promise.catch(() => undefined))?.dispose();
  }

  /** The PowerShell agents start with (resolved once). */
  powerShell(): Promise<PowerShellCommand> {
    return this.resolved();
  }

  /** Process ids of running agents (for the memory benchmark and the credential tests). */
  pids(): number[] {
    return [this.remoteSlot, ...this.locals.values()]
      .map((s) => s?.agent)
      .filter((a): a is AgentProcess => !!a?.alive && a.pid !== undefined)
      .map((a) => a.pid!);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [this.remoteSlot, ...this.locals.values()].filter((s): s is Slot => s !== undefined);
    this.remoteSlot = undefined;
    this.locals.clear();
    await Promise.all(all.map(async (s) => (await s.promise.catch(() => undefined))?.dispose()));
  }

  private spawn(name: string, env: Record<string, string | undefined>, onFail: () => void): Slot {
    const slot = {} as Slot;
    if (this.disposed) {
      slot.promise = Promise.reject(new Error('agents are disposed'));
      return slot;
    }
    slot.promise = this.resolved()
      .then(async (cmd) => {
        try {
          return await this.startAgent(name, cmd, env);
        } catch (err) {
          if (cmd.via !== 'resolved') throw err;
          // The resolved PowerShell did not start: use the launcher from now on.
          this.log.warn(`${name}: ${cmd.command} did not start (${String(err)}); using ${this.opts.pwshPath}`);
          this.command = Promise.resolve(launcherCommand(this.opts.pwshPath));
          return await this.startAgent(name, launcherCommand(this.opts.pwshPath), env);
        }
      })
      .then(
        (agent) => {
          slot.agent = agent;
          this.log.info(`${name} agent started (pid ${agent.pid}, PowerShell ${agent.info?.psVersion} ${agent.info?.edition})`);
          return agent;
        },
        (err: unknown) => {
          onFail();
          throw err;
        },
      );
    return slot;
  }

  private resolved(): Promise<PowerShellCommand> {
    if (!this.command) {
      const resolve = this.opts.resolveCommand;
      this.command = resolve
        ? resolve().catch((err: unknown) => {
            this.log.warn(`could not resolve PowerShell behind ${this.opts.pwshPath}: ${String(err)}`);
            return launcherCommand(this.opts.pwshPath);
          })
        : Promise.resolve(launcherCommand(this.opts.pwshPath));
    }
    return this.command;
  }

  private async startAgent(name: string, cmd: PowerShellCommand, env: Record<string, string | undefined>): Promise<AgentProcess> {
    // Runtime settings apply unless the user's environment already chose a value.
    const tuning = Object.fromEntries(Object.entries(this.opts.agentEnv ?? {}).filter(([k]) => env[k] === undefined));
    const agent = new AgentProcess({
      spawner: this.opts.spawner,
      command: cmd.command,
      args: [...cmd.prefixArgs, ...agentArgs(this.opts.agentScriptPath)],
      env: { ...env, ...tuning, ...cmd.env },
      name,
      log: this.log,
      clock: this.opts.clock,
    });
    await agent.start();
    return agent;
  }
}

/** A slot is reused while its agent is starting or alive; a dead agent is replaced. */
function usable(slot: Slot | undefined): boolean {
  return slot !== undefined && (slot.agent === undefined || slot.agent.alive);
}
