import type { z } from 'zod';
import { AppError } from '../../../../shared/ipc/errors';

/**
 * The one place a script's answer becomes a value. Anything that is not the promised shape is the host's
 * failure (PS_ERROR naming the script and where it ran, with the JSON path), never the user's VALIDATION.
 */
export function parseScriptAnswer<T>(script: string, where: string, data: string, schema: z.ZodType<T>, hostId?: string): T {
  let value: unknown = null;
  if (data.trim().length > 0) {
    try {
      value = JSON.parse(data);
    } catch {
      throw new AppError('PS_ERROR', `${script} on ${where} returned malformed output (not JSON): ${data.slice(0, 120)}`, hostId ? { hostId } : {});
    }
  }
  return checkScriptAnswer(script, where, value, schema, hostId);
}

/** As parseScriptAnswer, for an answer that is already parsed JSON. */
export function checkScriptAnswer<T>(script: string, where: string, value: unknown, schema: z.ZodType<T>, hostId?: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('PS_ERROR', `${script} on ${where} returned unexpected data at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, hostId ? { hostId } : {});
}

/** Parameters are built by main from validated input: a mismatch is our bug, reported as INTERNAL with the script named. */
export function checkScriptParams<P>(script: string, params: unknown, schema: z.ZodType<P>): P {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('INTERNAL', `${script}: parameter ${issue?.path.join('.') || '(root)'} ${issue?.message}`);
}
