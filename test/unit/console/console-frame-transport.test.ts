import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestGateway } from '../gateway/gateway-harness';
import { decodeBinaryEvent } from '../../../shared/ipc/wire';
import { ConsoleFrame } from '../../../shared/features/console/console.contract';
import { WsTransport, type WebSocketLike } from '../../../renderer/src/api/ws-transport';

type Harness = Awaited<ReturnType<typeof startTestGateway>>;
let h: Harness | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await h?.gateway.close();
  h = null;
});

interface Client {
  ws: WebSocket;
  clientId: string;
  binary: Buffer[];
  text: string[];
}

/** Connects an authenticated socket and learns its clientId from a first call (the harness records it). */
async function connect(harness: Harness): Promise<Client> {
  const ws = new WebSocket(harness.gateway.origin.replace('http://', 'ws://') + '/ws', harness.protocols, { origin: harness.gateway.origin });
  sockets.push(ws);
  const c: Client = { ws, clientId: '', binary: [], text: [] };
  ws.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? c.binary.push(data) : c.text.push(data.toString())));
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  const id = `probe-${sockets.length}`;
  ws.send(JSON.stringify({ t: 'invoke', id, channel: 'app.info', input: {} }));
  await until(() => harness.calls.length >= sockets.length);
  c.clientId = harness.calls[harness.calls.length - 1]!.clientId;
  return c;
}

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('console frames over the gateway', () => {
  it('reach only the client that opened the stream, as one binary message with the raw bytes', async () => {
    h = await startTestGateway();
    const a = await connect(h);
    const b = await connect(h);
    const pixels = new Uint8Array(640 * 480 * 2).map((_, i) => i & 0xff);
    h.bus.emitTo(a.clientId, 'console.frame', { streamId: 's1', seq: 1, width: 640, height: 480, bytes: pixels, latencyMs: 20, fps: 12 });
    await until(() => a.binary.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.binary).toHaveLength(0);
    expect(a.text.filter((t) => t.includes('console.frame'))).toHaveLength(0); // never as JSON
    const msg = a.binary[0]!;
    expect(msg.length).toBeLessThan(pixels.length + 200); // header is small
    const ev = decodeBinaryEvent(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
    expect(ev?.name).toBe('console.frame');
    const frame = ConsoleFrame.parse(ev?.payload);
    expect(frame.streamId).toBe('s1');
    expect(Buffer.from(frame.bytes).equals(Buffer.from(pixels))).toBe(true);
  });

  it('are handed to renderer listeners by the WebSocket transport', async () => {
    const fake: WebSocketLike & { emit(data: unknown): void } = {
      readyState: 0,
      onopen: null,
      onclose: null,
      onerror: null,
      onmessage: null,
      send: () => undefined,
      close: () => undefined,
      emit(data) {
        this.onmessage?.({ data });
      },
    };
    const transport = new WsTransport('ws://x/ws', { createSocket: () => fake });
    expect(fake.binaryType).toBe('arraybuffer');
    const got: Array<[string, unknown]> = [];
    transport.onEvent((name, payload) => got.push([name, payload]));
    const { encodeBinaryEvent } = await import('../../../shared/ipc/wire');
    const wire = encodeBinaryEvent('console.frame', { streamId: 's', seq: 2, width: 1, height: 1, bytes: new Uint8Array([0x1f, 0x00]), latencyMs: 1, fps: 1 });
    fake.emit(wire.buffer.slice(wire.byteOffset, wire.byteOffset + wire.byteLength));
    expect(got).toHaveLength(1);
    expect(ConsoleFrame.parse(got[0]![1]).bytes).toEqual(new Uint8Array([0x1f, 0x00]));
  });
});
