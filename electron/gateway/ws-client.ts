import type { WebSocket, RawData } from 'ws';
import { ClientFrame, encodeBinaryEvent, hasBinaryBody, type ServerFrame } from '../../shared/ipc/wire';
import { events, type EventName } from '../../shared/ipc/contract';
import type { Logger } from '../main/app/logger';
import { isoNow, systemClock } from '../main/platform/time/clock';
import type { GatewayServices } from './gateway-types';

/**
 * One authenticated browser tab: carries the wire frames of shared/ipc/wire.ts. Every invoke gets its
 * own AbortSignal, aborted by a cancel frame or when the socket closes, so a closed tab leaves no work
 * running. Events from the bus reach every socket, or only this one when addressed to its clientId.
 */
export function attachWsClient(ws: WebSocket, clientId: string, services: GatewayServices, log: Logger): void {
  const pending = new Map<string, AbortController>();

  const send = (frame: ServerFrame) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(frame), (err) => {
      if (err) log.warn(`${clientId}: send failed: ${err.message}`);
    });
  };

  const sendBinary = (bytes: Uint8Array) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(bytes, { binary: true }, (err) => {
      if (err) log.warn(`${clientId}: binary send failed: ${err.message}`);
    });
  };

  const unsubscribe = services.bus.subscribe((name, payload, to) => {
    if (to !== undefined && to !== clientId) return;
    // Events with a binary body (console frames: raw RGB565) travel as ONE binary message, header + bytes,
    // never as a JSON array of numbers (see encodeBinaryEvent in shared/ipc/wire.ts). Same socket, same auth.
    if (hasBinaryBody(payload)) sendBinary(encodeBinaryEvent(name, payload));
    else send({ t: 'event', name, payload });
  });

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      log.warn(`${clientId}: binary frame ignored`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch (err) {
      log.warn(`${clientId}: frame is not JSON: ${(err as Error).message}`);
      return;
    }
    const parsed = ClientFrame.safeParse(json);
    if (!parsed.success) {
      const id = (json as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id.length > 0 && id.length <= 64) {
        send({ t: 'result', id, envelope: { ok: false, error: { code: 'VALIDATION', message: 'Malformed frame' } } });
      } else {
        log.warn(`${clientId}: malformed frame ignored`);
      }
      return;
    }
    const frame = parsed.data;
    if (frame.t === 'cancel') {
      pending.get(frame.id)?.abort();
      return;
    }
    if (pending.has(frame.id)) {
      send({ t: 'result', id: frame.id, envelope: { ok: false, error: { code: 'VALIDATION', message: `Call id ${frame.id} is already in flight` } } });
      return;
    }
    const controller = new AbortController();
    pending.set(frame.id, controller);
    void services.dispatcher
      .dispatch(frame.channel, frame.input, { signal: controller.signal, clientId })
      .then((envelope) => send({ t: 'result', id: frame.id, envelope }))
      .catch((err: unknown) => {
        // The dispatcher turns handler throws into envelopes; reaching here is a bug in the choke point itself.
        log.error(`${clientId}: dispatch of ${frame.channel} failed`, err);
        send({ t: 'result', id: frame.id, envelope: { ok: false, error: { code: 'INTERNAL', message: 'Dispatch failed' } } });
      })
      .finally(() => pending.delete(frame.id));
  });

  ws.on('close', () => {
    unsubscribe();
    for (const c of pending.values()) c.abort();
    pending.clear();
    log.info(`${clientId}: disconnected`);
  });
  ws.on('error', (err) => log.warn(`${clientId}: socket error: ${err.message}`));

  // Tell the client events are flowing (validated like any other event).
  const readyEvent: EventName = 'app.ready';
  send({ t: 'event', name: readyEvent, payload: events[readyEvent].payload.parse({ at: isoNow(systemClock) }) });
}
