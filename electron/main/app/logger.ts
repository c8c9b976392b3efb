import { isoNow, systemClock } from '../platform/time/clock';

/**
 * Component-prefixed logging. Everything goes through here so that a redaction step can guarantee
 * no secret reaches a log (see redact()). Tests can swap the sink.
 */
export interface Logger {
  info(msg: string, ...rest: unknown[]): void;
  warn(msg: string, ...rest: unknown[]): void;
  error(msg: string, ...rest: unknown[]): void;
}

type Sink = (level: 'info' | 'warn' | 'error', line: string) => void;

let sink: Sink = (level, line) => {
  const stream = level === 'error' ? process.stderr : process.stdout;
  if (process.env.HYPERDESK_QUIET && level === 'info') return;
  stream.write(line + '\n');
};
const secrets = new Set<string>();

export function setLogSink(next: Sink): void {
  sink = next;
}

/** Register a secret (password, token) so it is masked in every log line from now on. */
export function registerSecret(value: string): void {
  if (value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

function format(rest: unknown[]): string {
  return rest
    .map((r) => (r instanceof Error ? (r.stack ?? r.message) : typeof r === 'string' ? r : safeJson(r)))
    .join(' ');
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export function createLogger(component: string): Logger {
  const emit = (level: 'info' | 'warn' | 'error', msg: string, rest: unknown[]) =>
    sink(level, redact(`[${isoNow(systemClock)}] ${level.toUpperCase()} [${component}] ${msg}${rest.length ? ' ' + format(rest) : ''}`));
  return {
    info: (m, ...r) => emit('info', m, r),
    warn: (m, ...r) => emit('warn', m, r),
    error: (m, ...r) => emit('error', m, r),
  };
}
