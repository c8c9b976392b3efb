import type { Envelope } from '../../../shared/ipc/errors';

/** 'unauthorized': the gateway refused this tab's token (none, or a previous launch's); retrying cannot help. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

/**
 * A way to reach main: the Electron preload bridge or the gateway WebSocket. Both carry the frames of
 * shared/ipc/wire.ts; calls resolve to envelopes (errors included) so the client handles both the same.
 */
export interface Transport {
  invoke(id: string, channel: string, input: unknown): Promise<Envelope<unknown>>;
  cancel(id: string): void;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}
