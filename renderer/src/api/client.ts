import { bridgeGlobalName, type HyperdeskBridge } from '../../../shared/ipc/bridge';
import { bridgeTransport, createApiClient, type ApiClient } from './api-client';
import type { Transport } from './transport';
import { WsTransport, type WebSocketLike } from './ws-transport';

export type { ApiClient, InvokeOptions } from './api-client';
export { ApiError } from './api-error';

function pickTransport(): Transport {
  const bridge = (window as unknown as Record<string, HyperdeskBridge | undefined>)[bridgeGlobalName];
  if (bridge) return bridgeTransport(bridge);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return new WsTransport(`${scheme}://${window.location.host}/ws`, { createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike });
}

let transport: Transport | null = null;

/** The app's client: Electron bridge when the preload exposed one, else the gateway WebSocket. */
export const api: ApiClient = createApiClient(() => (transport ??= pickTransport()));

/** Opens the connection now, so the socket handshake overlaps loading translations and the first render. */
export function connectEarly(): void {
  transport ??= pickTransport();
}
