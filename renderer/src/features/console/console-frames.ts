import type { ConsoleFrame } from '../../../../shared/features/console/console.contract';
import { api } from '../../api/client';

type FrameListener = (f: ConsoleFrame) => void;
const listeners = new Map<string, FrameListener>();
let unsubscribe: (() => void) | null = null;

/**
 * Frames bypass the store (a React state update per frame would re-render the tree): one api subscription
 * routes each frame to the canvas of its stream.
 */
export function onConsoleFrame(streamId: string, listener: FrameListener): () => void {
  listeners.set(streamId, listener);
  unsubscribe ??= api.on('console.frame', (f) => listeners.get(f.streamId)?.(f));
  return () => {
    if (listeners.get(streamId) === listener) listeners.delete(streamId);
    if (listeners.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}
