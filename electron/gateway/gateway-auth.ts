import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { tokenFromProtocols } from '../../shared/ipc/gateway-protocol';

/**
 * The gateway's per-launch access token. The browser brings it once in the printed URL (`?token=`); the
 * renderer keeps it in sessionStorage (scoped to this origin, port included) and presents it on the
 * WebSocket as a Sec-WebSocket-Protocol entry (shared/ipc/gateway-protocol.ts). There is no cookie: cookies
 * are not port-scoped, so any other server on 127.0.0.1 received it. Scripts and tests may send
 * `Authorization: Bearer <token>` instead (a browser page cannot set that header on a WebSocket).
 */
export class GatewayAuth {
  readonly token: string;

  constructor(token: string = randomBytes(32).toString('base64url')) {
    this.token = token;
  }

  /** Constant-time comparison (hashing first makes the lengths equal and hides the token's length). */
  matches(candidate: string | undefined | null): boolean {
    if (typeof candidate !== 'string' || candidate.length === 0) return false;
    const a = createHash('sha256').update(candidate).digest();
    const b = createHash('sha256').update(this.token).digest();
    return timingSafeEqual(a, b);
  }

  /** True when the request carries the token as a WebSocket subprotocol or a Bearer header; nothing else counts. */
  isAuthorized(headers: IncomingHttpHeaders): boolean {
    const auth = headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ') && this.matches(auth.slice('Bearer '.length).trim())) return true;
    return this.matches(tokenFromProtocols(parseProtocols(headers['sec-websocket-protocol'])));
  }
}

/** Sec-WebSocket-Protocol: a comma-separated list (possibly repeated headers, which Node joins with ', '). */
export function parseProtocols(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const joined = Array.isArray(header) ? header.join(',') : header;
  return joined
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The origins a browser may legitimately show for this gateway (checked against the WebSocket's Origin). */
export function allowedOrigins(host: string, port: number): Set<string> {
  const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'];
  const names = loopback.includes(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [host.includes(':') ? `[${host}]` : host];
  return new Set(names.map((h) => `http://${h}:${port}`));
}
