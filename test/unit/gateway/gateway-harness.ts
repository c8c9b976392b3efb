import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import { startGateway, type Gateway } from '../../../electron/gateway/gateway-server';
import type { Envelope } from '../../../shared/ipc/errors';
import { gatewayProtocols } from '../../../shared/ipc/gateway-protocol';

export interface RecordedCall {
  channel: unknown;
  input: unknown;
  clientId: string;
  signal: AbortSignal;
}

/**
 * A gateway in-process over a fake dispatcher that records every call, so a test can prove a refused
 * client ran nothing. `hold` makes calls wait until released (for cancel/close tests).
 */
export async function startTestGateway(opts: { hold?: boolean } = {}) {
  const staticDir = mkdtempSync(join(tmpdir(), 'hyperdesk-gw-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>test shell</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, '..', 'hyperdesk-gw-secret.txt'), 'outside the static dir');
  const calls: RecordedCall[] = [];
  const bus = new EventBus();
  const dispatcher = {
    async dispatch(channel: unknown, input: unknown, ctx: { signal: AbortSignal; clientId: string }): Promise<Envelope<unknown>> {
      calls.push({ channel, input, clientId: ctx.clientId, signal: ctx.signal });
      if (opts.hold) {
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
        return { ok: false, error: { code: 'CANCELLED', message: 'Cancelled' } };
      }
      return { ok: true, value: { echo: channel } };
    },
  };
  const gateway: Gateway = await startGateway({ services: { dispatcher, bus }, staticDir, host: '127.0.0.1', port: 0 });
  // What a browser tab offers on the socket (the token as a subprotocol; see shared/ipc/gateway-protocol.ts).
  return { gateway, calls, bus, staticDir, protocols: gatewayProtocols(gateway.token) };
}
