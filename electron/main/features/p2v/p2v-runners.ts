import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../../../shared/ipc/errors';
import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import { redactParams } from '../../platform/ledger/redact-params';
import type { Spawner } from '../../platform/sessions';
import { systemClock, type Clock } from '../../platform/time/clock';
import { scriptCall } from '../../platform/scripts/display';
import { displayLines, type ScriptDef } from '../../platform/scripts/script-def';
import { checkScriptParams, parseScriptAnswer } from '../../platform/scripts/script-answer';
import type { CallOptions, ScriptAnswer, ScriptRunner } from '../../platform/scripts/script-runner';

/** Where a source is reached: the process that runs its scripts (env) and the names the ledger and errors use. */
export interface SourceEndpoint {
  ledgerHostId: string;
  /** How an error names the machine: "p2v/preflight on <where> returned unexpected data ...". */
  where: string;
  env: Record<string, string | undefined>;
  /** Dot-sourced before each script (the lab source's Windows-like environment), or null. */
  labEnter: string | null;
}

export interface ProcessSourceRunnerDeps {
  pwsh: string;
  resourcesDir: string;
  spawn: Spawner;
  appendLedger(entry: LedgerEntry): void;
  now?: () => number;
  /** Times out a stuck source process. */
  clock?: Clock;
}

/**
 * Runs a source's scripts in a fresh PowerShell process per call ("this machine" and the lab source have no
 * host session). The request goes over stdin as JSON; the result comes back after a marker line and is checked
 * against the script's result schema (one error mapping: parseScriptAnswer); the call is recorded in the ledger
 * like every host call. Abort kills the process.
 */
export function processSourceRunner(d: ProcessSourceRunnerDeps, endpoint: SourceEndpoint): ScriptRunner {
  const now = d.now ?? (() => (d.clock ?? systemClock).now());
  const scriptsDir = join(d.resourcesDir, 'electron', 'main', 'features', 'p2v', 'scripts');
  const bootstrap = join(d.resourcesDir, 'electron', 'main', 'features', 'p2v', 'source', 'invoke-source-script.ps1');
  return {
    async run<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P, opts: CallOptions = {}): Promise<ScriptAnswer<R>> {
      const m = /^p2v\/([a-z0-9-]+)$/.exec(def.name);
      if (!m) throw new AppError('INTERNAL', `Not a P2V script: ${def.name}`);
      const args = checkScriptParams(def.name, params, def.params) as Record<string, unknown>;
      const path = join(scriptsDir, `${m[1]}.ps1`);
      return recordSourceCall(
        { appendLedger: d.appendLedger, now, newId: randomUUID },
        { hostId: endpoint.ledgerHostId, script: def.name, path, params: redactParams(opts.ledgerParams ?? args), record: opts.record ?? def.record, display: (p) => displayLines(def, p as P, opts.names) },
        async () => {
          const text = await runProcess(d, endpoint, bootstrap, path, args, { signal: opts.signal, timeoutMs: opts.timeoutMs ?? def.timeoutMs });
          return { value: parseScriptAnswer(def.name, endpoint.where, text, def.result), warnings: [] };
        },
      );
    },
  };
}

export interface RecordedCallDeps {
  appendLedger(entry: LedgerEntry): void;
  now: () => number;
  newId: () => string;
}

/**
 * The one ledger recording of P2V's source calls (process or session; host calls are recorded by the session
 * registry): records the call whatever the outcome (ok, cancelled, timeout, error), the answer or the error it
 * throws carrying the entry's id so a task and the job can link to it. `record: 'errors'` keeps successes out.
 */
export async function recordSourceCall<R>(
  d: RecordedCallDeps,
  call: {
    hostId: string;
    script: string;
    path: string;
    params: Record<string, unknown>;
    record?: 'always' | 'errors';
    /** The cmdlets shown for the call (platform/scripts/display.ts), from the redacted parameters. */
    display?: (redacted: Record<string, unknown>) => string[];
  },
  run: () => Promise<{ value: R; warnings: string[] }>,
): Promise<ScriptAnswer<R>> {
  const startedAt = d.now();
  const id = d.newId();
  const record = (outcome: LedgerEntry['outcome'], warnings: string[], error?: AppError) =>
    d.appendLedger({
      id,
      hostId: call.hostId,
      script: call.script,
      params: call.params,
      // Never the path on this machine: what View PowerShell shows is the cmdlets, and the script by its name.
      command: (call.display?.(call.params) ?? [scriptCall(call.script, call.params)]).join('\n'),
      scriptCall: scriptCall(call.script, call.params),
      startedAt: new Date(startedAt).toISOString(),
      durationMs: d.now() - startedAt,
      outcome,
      warnings,
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
    });
  try {
    const out = await run();
    if (call.record === 'errors') return { value: out.value };
    record('ok', out.warnings);
    return { value: out.value, ledgerId: id };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('INTERNAL', String(err));
    record(e.code === 'CANCELLED' ? 'cancelled' : e.code === 'TIMEOUT' ? 'timeout' : 'error', [], e);
    throw Object.assign(e, { ledgerId: id });
  }
}

function runProcess(
  d: ProcessSourceRunnerDeps,
  endpoint: SourceEndpoint,
  bootstrap: string,
  path: string,
  args: Record<string, unknown>,
  opts: { signal?: AbortSignal; timeoutMs?: number },
): Promise<string> {
  const clock = d.clock ?? systemClock;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new AppError('CANCELLED', 'Cancelled'));
    const args0 = ['-NoLogo', '-NoProfile', '-NonInteractive'];
    if (process.platform === 'win32') args0.push('-ExecutionPolicy', 'Bypass');
    const child = d.spawn({ command: d.pwsh, args: [...args0, '-File', bootstrap], env: endpoint.env });
    let out = '';
    let err = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(() => reject(new AppError('CANCELLED', 'Cancelled')));
    };
    const timer = clock.setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new AppError('TIMEOUT', `${path} ran past ${opts.timeoutMs} ms`)));
    }, opts.timeoutMs ?? 120_000);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.onExit(() =>
      finish(() => {
        const ok = out.indexOf('@@HYPERDESK-RESULT@@');
        const bad = out.indexOf('@@HYPERDESK-ERROR@@');
        try {
          // The answer is checked by the caller (parseScriptAnswer): malformed JSON is the source's PS_ERROR too.
          if (ok >= 0) return resolve(out.slice(ok + 21).trim());
          if (bad >= 0) {
            const info = JSON.parse(out.slice(bad + 20).trim()) as { message: string };
            return reject(new AppError('PS_ERROR', info.message, { detail: info }));
          }
        } catch (e) {
          return reject(new AppError('PS_ERROR', `${path} reported an error that cannot be read: ${String(e)}`));
        }
        reject(new AppError('HOST_UNREACHABLE', `PowerShell ended without a result${err ? `: ${err.slice(0, 500)}` : ''}`));
      }),
    );
    // A cancel or timeout kills the child, possibly while a large request (a Disk2vhd chunk) is still being written:
    // the pipe then fails with EPIPE. The exit handler above settles the call; without a listener the stream
    // error would crash the process.
    child.stdin.on('error', (e: Error) => (err += `\n(stdin: ${e.message})`));
    child.stdin.end(JSON.stringify({ script: path, args, labEnter: endpoint.labEnter }) + '\n');
  });
}

/** The environment of a lab source process: the lab source module first, its state folder. */
export function labSourceEndpoint(resourcesDir: string, stateDir: string, jobId: string, baseEnv: NodeJS.ProcessEnv): SourceEndpoint {
  const sep = process.platform === 'win32' ? ';' : ':';
  const modules = join(resourcesDir, 'assets', 'lab', 'p2v', 'modules');
  return {
    ledgerHostId: `p2v-source:${jobId}`,
    where: 'the lab source',
    env: { ...baseEnv, PSModulePath: [modules, baseEnv.PSModulePath].filter(Boolean).join(sep), HYPERDESK_LAB_SOURCE: stateDir },
    labEnter: join(resourcesDir, 'assets', 'lab', 'p2v', 'bin', 'enter-source.ps1'),
  };
}

export function localSourceEndpoint(jobId: string, baseEnv: NodeJS.ProcessEnv): SourceEndpoint {
  return { ledgerHostId: `p2v-source:${jobId}`, where: 'this machine', env: { ...baseEnv }, labEnter: null };
}
