import type { z } from 'zod';
import { scriptCall, type DisplayFn, type DisplayNames } from './display';

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
  /**
   * The cmdlets an admin would type for this call, with names (display.ts helpers): what View PowerShell shows
   * first. Every script has one (a test walks the tree); without it the ledger shows `<script>.ps1 -Param ...`.
   */
  readonly display?: DisplayFn<P>;
}

export type ParamsOf<D> = D extends ScriptDef<infer P, unknown> ? P : never;
export type ResultOf<D> = D extends ScriptDef<Record<string, unknown>, infer R> ? R : never;

export function defineScript<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>): ScriptDef<P, R> {
  return Object.freeze({ ...def });
}

/** The display lines of a call (the script's name and parameters when it has no display). Never a path. */
export function displayLines<P extends Record<string, unknown>>(def: Pick<ScriptDef<P, unknown>, 'name' | 'display'>, params: P, names: DisplayNames = {}): string[] {
  if (def.display) {
    try {
      const lines = def.display(params, names);
      if (lines.length > 0) return lines;
    } catch {
      // A display is a courtesy: a bug in one must never fail the call it describes.
    }
  }
  return [scriptCall(def.name, params)];
}
