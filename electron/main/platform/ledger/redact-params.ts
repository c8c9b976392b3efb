import { redact } from '../../app/logger';

const SECRET_NAME = /pass(word|phrase)?$|secret|credential|token|apikey|privatekey/i;

/** Parameters as the ledger keeps them: secret-named values masked, and any registered secret masked anywhere. */
export function redactParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = SECRET_NAME.test(k) ? '***' : redactValue(v);
  return out;
}

function redactValue(v: unknown): unknown {
  if (typeof v === 'string') return redact(v);
  if (Array.isArray(v)) return v.map(redactValue);
  if (v && typeof v === 'object') return redactParams(v as Record<string, unknown>);
  return v;
}
