import type { z } from 'zod';

/**
 * One shipped `.ps1` as a typed operation: its library name, the parameters it takes and the JSON it answers.
 * Every host or source call in the app goes through a ScriptDef, so the session layer validates the answer
 * (a malformed answer is the host's PS_ERROR naming script and host, never the user's VALIDATION) and the
 * ledger records the call under its name.
 */
export interface ScriptDef<P extends Record<string, unknown> = Record<string, unknown>, R = unknown> {
  /** '<feature>/<script>', the file `electron/main/features/<feature>/scripts/<script>.ps1`. */
  readonly name: string;
  /** The parameters as the script binds them (PowerShell names). Validated before the call. */
  readonly params: z.ZodType<P>;
  /** The answer, validated inside the session layer. */
  readonly result: z.ZodType<R>;
  /** 'op' for changes and long work (never blocks the host's reads), 'read' otherwise. */
  readonly lane: 'read' | 'op';
  /** Default deadline for this script; a call may pass its own. */
  readonly timeoutMs?: number;
  /**
   * 'errors' keeps successful calls out of the ledger: for polls that run many times a minute (console frames,
   * background refresh), so the ledger stays a record of what the user did. Default 'always'.
   */
  readonly record?: 'always' | 'errors';
}

export type ParamsOf<D> = D extends ScriptDef<infer P, unknown> ? P : never;
export type ResultOf<D> = D extends ScriptDef<Record<string, unknown>, infer R> ? R : never;

export function defineScript<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>): ScriptDef<P, R> {
  return Object.freeze({ ...def });
}
