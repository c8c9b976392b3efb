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

/*
 * Binary events (console frames): an event whose payload carries a `bytes: Uint8Array` field travels over the
 * gateway WebSocket as ONE binary message instead of JSON (a JSON array of a million numbers would be ~4 MB
 * of text per frame). Layout: u32 little-endian header length N, N bytes of UTF-8 JSON
 * `{"t":"event","name":...,"payload":{...everything but bytes}}`, then the raw bytes. Electron IPC needs
 * none of this: structured clone carries a Uint8Array as is. The receiver validates the rebuilt payload
 * against the contract like any other event.
 */
export function hasBinaryBody(payload: unknown): payload is { bytes: Uint8Array } {
  return typeof payload === 'object' && payload !== null && (payload as { bytes?: unknown }).bytes instanceof Uint8Array;
}

export function encodeBinaryEvent<P extends { bytes: Uint8Array }>(name: string, payload: P): Uint8Array {
  const { bytes, ...rest } = payload;
  const header = new TextEncoder().encode(JSON.stringify({ t: 'event', name, payload: rest }));
  const out = new Uint8Array(4 + header.length + bytes.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(bytes, 4 + header.length);
  return out;
}

/** Inverse of encodeBinaryEvent; null when the message is not one (wrong length, bad header). */
export function decodeBinaryEvent(data: Uint8Array): { name: string; payload: Record<string, unknown> } | null {
  if (data.length < 4) return null;
  const headerLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  if (headerLength > data.length - 4) return null;
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + headerLength)));
  } catch {
    return null; // not our framing: the caller logs and drops the message
  }
  const h = EventFrame.safeParse(header);
  if (!h.success || typeof h.data.payload !== 'object' || h.data.payload === null) return null;
  return { name: h.data.name, payload: { ...(h.data.payload as Record<string, unknown>), bytes: data.slice(4 + headerLength) } };
}
