/**
 * How a browser tab proves it holds the gateway's per-launch token. The token is presented only on the
 * WebSocket (the one door), as a second Sec-WebSocket-Protocol entry: browsers send that header only to
 * the socket's own host:port, unlike cookies, which every server on 127.0.0.1 would receive whatever its
 * port. The gateway answers with the plain protocol name, never echoing the token.
 */
export const GATEWAY_WS_PROTOCOL = 'hyperdesk';
const TOKEN_PREFIX = 'hyperdesk.token.';

/** The protocol list a client offers (base64url is a valid header token, so it needs no escaping). */
export function gatewayProtocols(token: string): string[] {
  return [GATEWAY_WS_PROTOCOL, TOKEN_PREFIX + token];
}

/** The token among the offered protocols, or null. */
export function tokenFromProtocols(offered: Iterable<string>): string | null {
  for (const p of offered) if (p.startsWith(TOKEN_PREFIX)) return p.slice(TOKEN_PREFIX.length);
  return null;
}

/** Where the renderer probes whether its stored token is still the current one (a refused upgrade has no readable status). */
export const GATEWAY_AUTH_CHECK_PATH = '/auth-check';
