import type { z } from 'zod';

/** Progress as the session layer reports it (Write-Progress in the script). */
export interface ScriptProgress {
  percent: number;
  status: string;
}

export interface ScriptRunOptions<T> {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (p: ScriptProgress) => void;
  schema: z.ZodType<T>;
  /** 'op' for changes (never blocks reads on the host); 'read' otherwise. */
  lane: 'read' | 'op';
  /** Called with the ledger entry id of this invocation (success or failure): the task's "View PowerShell". */
  onLedgerId?: (id: string) => void;
  /** 'errors' for background reads (the poll): the ledger keeps what the user did, and failures. */
  record?: 'always' | 'errors';
}

/** What the inventory needs from the session layer (adapted in sessions-port.ts). */
export interface SessionsPort {
  run<T>(hostId: string, script: string, args: Record<string, unknown>, opts: ScriptRunOptions<T>): Promise<T>;
  /** The ids of the configured hosts, in the host list's order. */
  hostIds(): Promise<string[]>;
  /** Subscribes to changes of the host list; returns the unsubscribe. */
  onHostsChanged(listener: () => void): () => void;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};
