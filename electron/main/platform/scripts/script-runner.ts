import type { DisplayNames } from './display';
import type { ScriptDef } from './script-def';

export interface ScriptProgress {
  percent: number;
  status: string;
  activity?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (p: ScriptProgress) => void;
  /** Overrides the definition's ledger policy for this call. */
  record?: 'always' | 'errors';
  /** What the ledger records instead of the parameters (a payload too big to keep, e.g. a file chunk). */
  ledgerParams?: Record<string, unknown>;
  /** Largest answer accepted, in characters. */
  maxChars?: number;
  /** Names of the objects the call addresses by Id, so the ledger's display lines name them ('DC1', not a GUID). */
  names?: DisplayNames;
}

/** A validated answer and the ledger entry of the call that produced it (when it was recorded). */
export interface ScriptAnswer<R> {
  value: R;
  ledgerId?: string;
}

/**
 * The one shape of "run a script somewhere": a host through its session, a P2V source through its process or
 * session. Implementations validate `def.params` before and `def.result` after, with one error mapping
 * (`script-answer.ts`), and record the call in the ledger.
 */
export interface ScriptRunner {
  run<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P, opts?: CallOptions): Promise<ScriptAnswer<R>>;
}

/** Scripts on hosts, by host id; plus the host list, which features follow to know what to read. */
export interface HostScripts {
  on(hostId: string): ScriptRunner;
  /** The configured host ids, in the host list's order. */
  hostIds(): Promise<string[]>;
  /** Subscribes to changes of the host list; returns the unsubscribe. */
  onHostsChanged(listener: () => void): () => void;
}
