import { bridgeGlobalName, type HyperdeskBridge } from '../../../shared/ipc/bridge';
import { bridgeTransport, createApiClient, type ApiClient } from './api-client';
import type { Transport } from './transport';
import { GATEWAY_AUTH_CHECK_PATH, GATEWAY_WS_PROTOCOL, gatewayProtocols } from '../../../shared/ipc/gateway-protocol';
import { takeGatewayToken } from './gateway-token';
import { WsTransport, type WebSocketLike } from './ws-transport';

export type { ApiClient, InvokeOptions } from './api-client';
export { ApiError } from './api-error';

function pickTransport(): Transport {
  const bridge = (window as unknown as Record<string, HyperdeskBridge | undefined>)[bridgeGlobalName];
  if (bridge) return bridgeTransport(bridge);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const token = takeGatewayToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  return new WsTransport(`${scheme}://${window.location.host}/ws`, {
    // No token means no door: the socket is offered without one, refused, and the check below says why.
    createSocket: (url) => new WebSocket(url, token ? gatewayProtocols(token) : [GATEWAY_WS_PROTOCOL]) as unknown as WebSocketLike,
    isAuthorized: async () => {
      if (!token) return false;
      const res = await fetch(GATEWAY_AUTH_CHECK_PATH, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
      return res.status !== 401;
    },
  });
}

let transport: Transport | null = null;

/** The app's client: Electron bridge when the preload exposed one, else the gateway WebSocket. */
export const api: ApiClient = createApiClient(() => (transport ??= pickTransport()));

/** Opens the connection now, so the socket handshake overlaps loading translations and the first render. */
export function connectEarly(): void {
  transport ??= pickTransport();
}
