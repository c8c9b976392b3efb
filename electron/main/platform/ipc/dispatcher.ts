import { ZodError } from 'zod';
import { channels, channelNames, isChannelName, type ChannelName } from '../../../../shared/ipc/contract';
import { AppError, type Envelope, type IpcErrorShape } from '../../../../shared/ipc/errors';
import type { FeatureModule, Handler, Handlers } from './handlers';
import { createLogger, type Logger } from '../../app/logger';

/**
 * The one choke point every IPC call passes through, whatever the transport:
 * checks the channel exists, validates input, passes an AbortSignal, validates output,
 * and turns every throw into a serialisable envelope with a code from the closed set.
 */
export class Dispatcher {
  private readonly handlers: Handlers;
  private readonly log: Logger;

  constructor(features: readonly FeatureModule[], log: Logger = createLogger('ipc')) {
    const merged: Partial<Record<ChannelName, Handler<ChannelName>>> = {};
    for (const feature of features) {
      for (const [name, handler] of Object.entries(feature.handlers)) {
        if (merged[name as ChannelName]) throw new Error(`channel ${name} has two handlers (second from ${feature.name})`);
        merged[name as ChannelName] = handler as Handler<ChannelName>;
      }
    }
    const missing = channelNames.filter((n) => !merged[n]);
    if (missing.length > 0) throw new Error(`channels without a handler: ${missing.join(', ')}`);
    this.handlers = merged as Handlers;
    this.log = log;
  }

  async dispatch(channel: unknown, rawInput: unknown, ctx: { signal: AbortSignal; clientId: string }): Promise<Envelope<unknown>> {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'VALIDATION', message: `Unknown channel: ${String(channel).slice(0, 64)}` } };
    }
    const def = channels[channel];
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      return { ok: false, error: { code: 'VALIDATION', message: describeZod(parsed.error), detail: parsed.error.issues } };
    }
    try {
      const handler = this.handlers[channel] as Handler<ChannelName>;
      const value = await handler(parsed.data as never, ctx);
      if (ctx.signal.aborted) return { ok: false, error: { code: 'CANCELLED', message: 'Cancelled' } };
      const out = def.output.safeParse(value);
      if (!out.success) {
        this.log.error(`${channel}: handler returned data that breaks the contract`, out.error.issues);
        return { ok: false, error: { code: 'INTERNAL', message: `${channel} returned malformed data` } };
      }
      return { ok: true, value: out.data };
    } catch (err) {
      return { ok: false, error: toErrorShape(err, ctx.signal, this.log, channel) };
    }
  }
}

export function toErrorShape(err: unknown, signal: AbortSignal | undefined, log: Logger, where: string): IpcErrorShape {
  if (err instanceof AppError) return err.toShape();
  if (signal?.aborted) return { code: 'CANCELLED', message: 'Cancelled' };
  if (err instanceof ZodError) return { code: 'VALIDATION', message: describeZod(err), detail: err.issues };
  log.error(`${where}: unexpected failure`, err);
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

function describeZod(err: ZodError): string {
  const first = err.issues[0];
  if (!first) return 'Invalid input';
  const path = first.path.length > 0 ? first.path.join('.') + ': ' : '';
  return `Invalid input: ${path}${first.message}`;
}
