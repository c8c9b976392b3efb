import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The gateway's per-launch access token. A browser brings it once in the printed URL (`?token=`), gets it
 * back as an HttpOnly, SameSite=Strict cookie, and from then on every HTTP request and the WebSocket
 * upgrade carry the cookie; scripts and tests may send `Authorization: Bearer <token>` instead.
 */
export class GatewayAuth {
  readonly token: string;
  /** Cookies are not port-scoped: two gateways on one host must not overwrite each other's cookie. */
  readonly cookieName: string;

  constructor(port: number, token: string = randomBytes(32).toString('base64url')) {
    this.token = token;
    this.cookieName = `hyperdesk_${port}`;
  }

  /** Constant-time comparison (hashing first makes the lengths equal and hides the token's length). */
  matches(candidate: string | undefined | null): boolean {
    if (typeof candidate !== 'string' || candidate.length === 0) return false;
    const a = createHash('sha256').update(candidate).digest();
    const b = createHash('sha256').update(this.token).digest();
    return timingSafeEqual(a, b);
  }

  /** True when the request carries the token in our cookie or a Bearer header. */
  isAuthorized(headers: IncomingHttpHeaders): boolean {
    const auth = headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ') && this.matches(auth.slice('Bearer '.length).trim())) return true;
    return this.matches(parseCookies(headers.cookie).get(this.cookieName));
  }

  setCookieHeader(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

/** The origins a browser may legitimately show for this gateway (checked against the WebSocket's Origin). */
export function allowedOrigins(host: string, port: number): Set<string> {
  const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'];
  const names = loopback.includes(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [host.includes(':') ? `[${host}]` : host];
  return new Set(names.map((h) => `http://${h}:${port}`));
}
