import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { gatewayProtocols } from '../../../shared/ipc/gateway-protocol';
import { startTestGateway } from './gateway-harness';

type Frame = Record<string, unknown>;
type Harness = Awaited<ReturnType<typeof startTestGateway>>;

function wsUrl(h: Harness): string {
  return h.gateway.origin.replace('http://', 'ws://') + '/ws';
}

/** Resolves 'open' (with every frame received, collected from the start) or the HTTP status of the refused upgrade. */
function tryConnect(
  url: string,
  options: WebSocket.ClientOptions,
  protocols: string[] = [],
): Promise<{ outcome: 'open'; ws: WebSocket; frames: Frame[] } | { outcome: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    const frames: Frame[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    ws.once('open', () => resolve({ outcome: 'open', ws, frames }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ outcome: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

function httpGet(url: string, headers: Record<string, string> = {}, method = 'GET', rawPath?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: rawPath ?? u.pathname + u.search, method, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('gateway WebSocket admission', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startTestGateway();
  });
  afterEach(async () => {
    await h.gateway.close();
  });

  it('refuses a connection without the token and runs nothing', async () => {
    const r = await tryConnect(wsUrl(h), { origin: h.gateway.origin });
    expect(r.outcome).toBe(401);
    expect(h.calls).toEqual([]);
  });

  it('refuses a wrong token in the subprotocol or in a Bearer header', async () => {
    const wrong = h.gateway.token.slice(0, -2) + (h.gateway.token.endsWith('AA') ? 'BB' : 'AA');
    expect(await tryConnect(wsUrl(h), { origin: h.gateway.origin }, gatewayProtocols(wrong))).toEqual({ outcome: 401 });
    expect(await tryConnect(wsUrl(h), { origin: h.gateway.origin, headers: { Authorization: `Bearer ${wrong}` } })).toEqual({ outcome: 401 });
    // The right token as a bare protocol (without our prefix) does not count either.
    expect(await tryConnect(wsUrl(h), { origin: h.gateway.origin }, ['hyperdesk', h.gateway.token])).toEqual({ outcome: 401 });
    expect(h.calls).toEqual([]);
  });

  it('no longer accepts the token as a cookie (cookies reach every server on 127.0.0.1, whatever its port)', async () => {
    const port = new URL(h.gateway.origin).port;
    expect(await tryConnect(wsUrl(h), { origin: h.gateway.origin, headers: { Cookie: `hyperdesk_${port}=${h.gateway.token}` } })).toEqual({ outcome: 401 });
    expect(h.calls).toEqual([]);
  });

  it('refuses the token in the socket URL, even alongside a valid subprotocol', async () => {
    const url = `${wsUrl(h)}?token=${h.gateway.token}`;
    expect(await tryConnect(url, { origin: h.gateway.origin })).toEqual({ outcome: 400 });
    expect(await tryConnect(url, { origin: h.gateway.origin }, h.protocols)).toEqual({ outcome: 400 });
    expect(h.calls).toEqual([]);
  });

  it('refuses the right token from another Origin, or with no Origin', async () => {
    expect(await tryConnect(wsUrl(h), { origin: 'http://evil.example' }, h.protocols)).toEqual({ outcome: 403 });
    const port = new URL(h.gateway.origin).port;
    expect(await tryConnect(wsUrl(h), { origin: `http://127.0.0.1.evil.example:${port}` }, h.protocols)).toEqual({ outcome: 403 });
    // Another local server's page (same host, other port) is a foreign origin too.
    expect(await tryConnect(wsUrl(h), { origin: `http://127.0.0.1:${Number(port) === 1 ? 2 : Number(port) - 1}` }, h.protocols)).toEqual({ outcome: 403 });
    expect(await tryConnect(wsUrl(h), {}, h.protocols)).toEqual({ outcome: 403 });
    expect(h.calls).toEqual([]);
  });

  it('accepts the token subprotocol from the served origin, answers without echoing the token, and carries calls and events', async () => {
    const r = await tryConnect(wsUrl(h), { origin: h.gateway.origin }, h.protocols);
    if (r.outcome !== 'open') throw new Error(`refused: ${r.outcome}`);
    expect(r.ws.protocol).toBe('hyperdesk');
    const frames = r.frames;
    r.ws.send(JSON.stringify({ t: 'invoke', id: 'c1', channel: 'app.info', input: {} }));
    await expect.poll(() => frames.length).toBeGreaterThanOrEqual(2);
    expect(frames[0]).toMatchObject({ t: 'event', name: 'app.ready' });
    expect(frames[1]).toEqual({ t: 'result', id: 'c1', envelope: { ok: true, value: { echo: 'app.info' } } });
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]).toMatchObject({ channel: 'app.info', input: {}, clientId: expect.stringMatching(/^gateway:\d+$/) });

    h.bus.emitTo('gateway:someone-else', 'app.ready', { at: 'x' });
    h.bus.emitTo(h.calls[0]!.clientId, 'app.ready', { at: 'mine' });
    await expect.poll(() => frames.length).toBe(3);
    expect(frames[2]).toEqual({ t: 'event', name: 'app.ready', payload: { at: 'mine' } });
    r.ws.close();
  });

  it('answers a malformed frame with VALIDATION and does not dispatch it', async () => {
    const r = await tryConnect(wsUrl(h), { origin: h.gateway.origin, headers: { Authorization: `Bearer ${h.gateway.token}` } });
    if (r.outcome !== 'open') throw new Error(`refused: ${r.outcome}`);
    const frames = r.frames;
    r.ws.send(JSON.stringify({ t: 'invoke', id: 'bad', channel: 42 }));
    await expect.poll(() => frames.find((f) => f.t === 'result')).toBeTruthy();
    expect(frames.find((f) => f.t === 'result')).toMatchObject({ id: 'bad', envelope: { ok: false, error: { code: 'VALIDATION' } } });
    expect(h.calls).toEqual([]);
    r.ws.close();
  });
});

describe('gateway call lifetime', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startTestGateway({ hold: true });
  });
  afterEach(async () => {
    await h.gateway.close();
  });

  it('aborts a call on a cancel frame, and every open call when the socket closes', async () => {
    const r = await tryConnect(wsUrl(h), { origin: h.gateway.origin }, h.protocols);
    if (r.outcome !== 'open') throw new Error(`refused: ${r.outcome}`);
    const results = () => r.frames.filter((f) => f.t === 'result');
    r.ws.send(JSON.stringify({ t: 'invoke', id: 'a', channel: 'app.info', input: {} }));
    r.ws.send(JSON.stringify({ t: 'invoke', id: 'b', channel: 'app.info', input: {} }));
    await expect.poll(() => h.calls.length).toBe(2);
    r.ws.send(JSON.stringify({ t: 'cancel', id: 'a' }));
    await expect.poll(() => h.calls[0]!.signal.aborted).toBe(true);
    expect(h.calls[1]!.signal.aborted).toBe(false);
    await expect.poll(results).toEqual([{ t: 'result', id: 'a', envelope: { ok: false, error: { code: 'CANCELLED', message: 'Cancelled' } } }]);
    r.ws.close();
    await expect.poll(() => h.calls[1]!.signal.aborted).toBe(true);
  });
});

describe('gateway HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startTestGateway();
  });
  afterEach(async () => {
    await h.gateway.close();
  });

  it('serves the page and assets without the token, holding no secret and setting no cookie', async () => {
    for (const path of ['/', '/assets/app.js']) {
      const r = await httpGet(h.gateway.origin + path);
      expect(r.status).toBe(200);
      expect(r.headers['set-cookie']).toBeUndefined();
      expect(r.body).not.toContain(h.gateway.token);
    }
    const page = await httpGet(h.gateway.origin + '/');
    expect(page.body).toContain('test shell');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const asset = await httpGet(h.gateway.origin + '/assets/app.js');
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('serves the launch URL as is (the renderer keeps and strips the token) and refuses a wrong launch token', async () => {
    const launch = await httpGet(h.gateway.url);
    expect(launch.status).toBe(200);
    expect(launch.headers['set-cookie']).toBeUndefined();
    expect(launch.headers['cache-control']).toBe('no-store');
    expect(launch.body).not.toContain(h.gateway.token);
    const wrong = await httpGet(h.gateway.origin + '/?token=nope');
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('tells the renderer whether its token is current, from a header only', async () => {
    expect((await httpGet(h.gateway.origin + '/auth-check', { Authorization: `Bearer ${h.gateway.token}` })).status).toBe(204);
    expect((await httpGet(h.gateway.origin + '/auth-check', { Authorization: 'Bearer stale' })).status).toBe(401);
    expect((await httpGet(h.gateway.origin + '/auth-check')).status).toBe(401);
    expect((await httpGet(`${h.gateway.origin}/auth-check?token=${h.gateway.token}`)).status).toBe(401);
  });

  it('serves nothing outside the renderer folder and only GET/HEAD', async () => {
    const traversal = await httpGet(h.gateway.origin, {}, 'GET', '/%2e%2e/hyperdesk-gw-secret.txt');
    expect(traversal.status).toBe(404);
    expect(traversal.body).not.toContain('outside');
    const post = await httpGet(h.gateway.origin + '/', {}, 'POST');
    expect(post.status).toBe(405);
  });
});
