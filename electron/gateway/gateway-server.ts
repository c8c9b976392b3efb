import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createLogger, registerSecret } from '../main/app/logger';
import { systemClock, type Clock } from '../main/platform/time/clock';
import { securityHeaders } from '../main/web/content-security-policy';
import { contentTypeFor, resolveStaticPath } from '../main/web/static-files';
import { GATEWAY_AUTH_CHECK_PATH, GATEWAY_WS_PROTOCOL } from '../../shared/ipc/gateway-protocol';
import { GatewayAuth, allowedOrigins } from './gateway-auth';
import type { GatewayServices } from './gateway-types';
import { attachWsClient } from './ws-client';

export interface GatewayOptions {
  services: GatewayServices;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  /** Drives the WebSocket heartbeat (tests pass a ManualClock). */
  clock?: Clock;
}

export interface Gateway {
  /** e.g. http://127.0.0.1:5123 */
  readonly origin: string;
  /** The URL to open: origin plus `?token=`. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

const WS_PATH = '/ws';
const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * Browser mode: serves the renderer and carries the IPC contract over a WebSocket to the same services
 * Electron's main process runs. The WebSocket is the only door: it needs the per-launch token (as a
 * subprotocol, see gateway-auth.ts) and this origin. The static files hold no secret and are served to
 * anyone who can reach the port; the server never sends the token back (no cookie, nothing in a page).
 */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const log = createLogger('gateway');
  const host = opts.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const auth = new GatewayAuth(opts.token);
  registerSecret(auth.token);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${urlHost === '0.0.0.0' || urlHost === '[::]' ? '127.0.0.1' : urlHost}:${port}`;
  const origins = allowedOrigins(host, port);
  const wildcardBind = host === '0.0.0.0' || host === '::';

  // The client offers ['hyperdesk', 'hyperdesk.token.<t>']; the answer names only 'hyperdesk', so the token is never echoed.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, handleProtocols: (offered) => (offered.has(GATEWAY_WS_PROTOCOL) ? GATEWAY_WS_PROTOCOL : false) });
  let nextClient = 1;

  server.on('request', (req, res) => {
    handleHttp(req, res, auth, opts.staticDir).catch((err: unknown) => {
      log.error(`${req.method} ${req.url}: failed`, err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const [path, query] = (req.url ?? '').split('?');
    const originHeader = req.headers.origin;
    const originOk =
      typeof originHeader === 'string' && (origins.has(originHeader) || (wildcardBind && originHeader === `http://${req.headers.host}`));
    let refusal: string | null = null;
    if (path !== WS_PATH) refusal = '404 Not Found';
    // A token in the socket's URL would land in logs and proxies: it is refused, not read.
    else if (query !== undefined && new URLSearchParams(query).has('token')) refusal = '400 Bad Request';
    else if (!auth.isAuthorized(req.headers)) refusal = '401 Unauthorized';
    else if (!originOk) refusal = '403 Forbidden';
    if (refusal) {
      log.warn(`refused WebSocket (${refusal}) from origin ${String(originHeader)}`);
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // handleUpgrade does not emit 'connection' itself: without this the heartbeat below never sees a pong
      // and terminates every socket on its first tick.
      wss.emit('connection', ws, req);
      const clientId = `gateway:${nextClient++}`;
      log.info(`${clientId}: connected`);
      attachWsClient(ws, clientId, opts.services, log);
    });
  });

  // Dead sockets (sleeping laptop, killed tab) are found by ping/pong and closed, which aborts their calls.
  const alive = new WeakSet<object>();
  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  });
  const clock = opts.clock ?? systemClock;
  const heartbeat = clock.setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) ws.terminate();
      else {
        alive.delete(ws);
        ws.ping();
      }
    }
  }, 30_000); // systemClock unrefs it, so it never keeps the process alive

  return {
    origin,
    url: `${origin}/?token=${auth.token}`,
    token: auth.token,
    async close() {
      clock.clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function handleHttp(req: IncomingMessage, res: ServerResponse, auth: GatewayAuth, staticDir: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway.invalid');
  const base = securityHeaders();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...base, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed');
    return;
  }
  // The renderer asks here whether the token it kept is still this launch's (a refused WebSocket upgrade
  // shows the page no status). The token comes in a header, never the URL; the answer is yes or no.
  if (url.pathname === GATEWAY_AUTH_CHECK_PATH) {
    res.writeHead(auth.isAuthorized(req.headers) ? 204 : 401, { ...base, 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  // A launch URL with a stale token is told so at once (the renderer reads and strips a good one itself).
  const queryToken = url.searchParams.get('token');
  if (queryToken !== null && !auth.matches(queryToken)) {
    res.writeHead(403, { ...base, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('Wrong access token. Open the URL printed by `npm run serve`.');
    return;
  }
  const file = resolveStaticPath(staticDir, url.pathname);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { ...base, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const body = await readFile(file);
  // index.html must be revalidated (new build, new asset names); hashed assets can be cached.
  const cache = file.endsWith('.html') ? 'no-store' : 'private, max-age=31536000, immutable';
  res.writeHead(200, { ...base, 'Content-Type': contentTypeFor(file), 'Content-Length': body.length, 'Cache-Control': cache });
  res.end(req.method === 'HEAD' ? undefined : body);
}
