import type { Envelope } from './errors';

/**
 * What the desktop preload exposes to the renderer as `window.hyperdesk` (the name below). The renderer's
 * api client is the only code that uses it; in browser mode the client speaks the same frames over a
 * WebSocket instead. Calls resolve to an envelope (never reject for an IPC error) so error codes survive
 * the structured clone.
 */
export interface HyperdeskBridge {
  invoke(id: string, channel: string, input: unknown): Promise<Envelope<unknown>>;
  cancel(id: string): void;
  /** Subscribes to main→renderer events; the first subscription tells main the renderer is ready. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

export const bridgeGlobalName = 'hyperdesk';
