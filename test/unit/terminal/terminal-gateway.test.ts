import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startGateway, type Gateway } from '../../../electron/gateway/gateway-server';
import { createTerminalFeature } from '../../../electron/main/features/terminal/terminal.feature';
import { Dispatcher } from '../../../electron/main/platform/ipc/dispatcher';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import type { FeatureModule, PartialHandlers } from '../../../electron/main/platform/ipc/handlers';
import { TerminalService } from '../../../electron/main/features/terminal/terminal.service';
import { ClientPresence } from '../../../electron/main/platform/live/client-presence';
import { createLiveFeature } from '../../../electron/main/platform/live/live-handlers';
import { channelNames } from '../../../shared/ipc/contract';
import { fakeSpawner } from './fake-pty';

/**
 * The terminal over the real gateway and the real dispatcher (PTYs faked): the WebSocket's token check
 * stands between a browser and a shell, and output reaches only the socket that opened the tab.
 */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
type Frame = { t: string; id?: string; name?: string; payload?: { sessionId: string; data: string }; envelope?: { ok: boolean; value?: { sessionId: string } } };

function allOtherChannelsRefused(taken: string[]): FeatureModule {
  const handlers: Record<string, () => never> = {};
  for (const n of channelNames) if (!taken.includes(n)) handlers[n] = () => { throw new Error('not under test'); };
  return { name: 'others', handlers: handlers as PartialHandlers };
}

function connect(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket; frames: Frame[] } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: Frame[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as Frame));
    ws.once('open', () => resolve({ ws, frames }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

async function until(cond: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('terminal over the gateway', () => {
  let gateway: Gateway;
  let fake: ReturnType<typeof fakeSpawner>;
  let service: TerminalService;
  let wsUrl: string;
  let bearer: string;

  beforeEach(async () => {
    fake = fakeSpawner();
    const bus = new EventBus();
    service = new TerminalService({
      spawn: fake.spawn,
      launch: async () => ({ file: 'pwsh', args: [], env: {}, cwd: '/', title: 'PowerShell' }),
      sink: {
        output: (to, sessionId, data) => bus.emitTo(to, 'terminal.output', { sessionId, data }),
        exit: (to, sessionId, exitCode) => bus.emitTo(to, 'terminal.exit', { sessionId, exitCode }),
      },
      log: quiet,
      reattachGraceMs: 200,
    });
    const presence = new ClientPresence();
    const feature = createTerminalFeature({ service, hosts: { list: async () => [], get: async () => undefined }, presence });
    const live = createLiveFeature(presence);
    const dispatcher = new Dispatcher([feature, live, allOtherChannelsRefused([...Object.keys(feature.handlers), ...Object.keys(live.handlers)])], quiet);
    const staticDir = mkdtempSync(join(tmpdir(), 'hd-term-gw-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    gateway = await startGateway({ services: { dispatcher, bus }, staticDir, host: '127.0.0.1', port: 0 });
    wsUrl = gateway.origin.replace('http://', 'ws://') + '/ws';
    bearer = `Bearer ${gateway.token}`;
  });
  afterEach(async () => {
    service.dispose();
    await gateway.close();
  });

  it('an unauthenticated or wrong-token client cannot open a PTY', async () => {
    const none = await connect(wsUrl, { Origin: gateway.origin });
    const wrong = await connect(wsUrl, { Origin: gateway.origin, Authorization: 'Bearer not-the-token' });
    expect(none).toEqual({ status: 401 });
    expect(wrong).toEqual({ status: 401 });
    expect(fake.spawned).toHaveLength(0);
  });

  it('an authenticated client opens a shell, gets its output alone, and its shell dies after it disconnects', async () => {
    const a = await connect(wsUrl, { Origin: gateway.origin, Authorization: bearer });
    const b = await connect(wsUrl, { Origin: gateway.origin, Authorization: bearer });
    if (!('ws' in a) || !('ws' in b)) throw new Error('authenticated connection refused');
    a.ws.send(JSON.stringify({ t: 'invoke', id: 'h1', channel: 'live.hold', input: {} }));
    a.ws.send(JSON.stringify({ t: 'invoke', id: 'o1', channel: 'terminal.open', input: { target: { kind: 'local' }, cols: 80, rows: 24 } }));
    await until(() => a.frames.some((f) => f.id === 'o1'));
    const opened = a.frames.find((f) => f.id === 'o1')!;
    expect(opened.envelope?.ok).toBe(true);
    const sessionId = opened.envelope!.value!.sessionId;
    expect(fake.spawned).toHaveLength(1);

    fake.spawned[0]!.emit('secret output');
    await until(() => a.frames.some((f) => f.name === 'terminal.output'));
    await new Promise((r) => setTimeout(r, 50));
    expect(a.frames.find((f) => f.name === 'terminal.output')?.payload).toEqual({ sessionId, data: 'secret output' });
    expect(b.frames.some((f) => f.name === 'terminal.output')).toBe(false);

    // The other socket cannot drive it even knowing the id.
    b.ws.send(JSON.stringify({ t: 'invoke', id: 'i1', channel: 'terminal.input', input: { sessionId, data: 'exit\r' } }));
    await until(() => b.frames.some((f) => f.id === 'i1'));
    expect(b.frames.find((f) => f.id === 'i1')?.envelope?.ok).toBe(false);
    expect(fake.spawned[0]!.written).toEqual([]);

    a.ws.close();
    await until(() => fake.spawned[0]!.killed);
    b.ws.close();
  });
});
