import { z } from 'zod';
import { IpcErrorShape } from './errors';

/**
 * The wire frames every transport carries (Electron IPC and the gateway WebSocket): one shape,
 * so the renderer client is the same code over both. Channel/event names are checked against the
 * contract by the receiver, not here.
 */
export const InvokeFrame = z.object({
  t: z.literal('invoke'),
  id: z.string().min(1).max(64),
  channel: z.string().min(1).max(128),
  input: z.unknown(),
});
export const CancelFrame = z.object({ t: z.literal('cancel'), id: z.string().min(1).max(64) });
export const ClientFrame = z.discriminatedUnion('t', [InvokeFrame, CancelFrame]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const EnvelopeFrame = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorShape }),
]);
export const ResultFrame = z.object({ t: z.literal('result'), id: z.string(), envelope: EnvelopeFrame });
export const EventFrame = z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() });
export const ServerFrame = z.discriminatedUnion('t', [ResultFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;
