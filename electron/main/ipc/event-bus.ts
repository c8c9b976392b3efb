import { events, type EventName, type EventPayload } from '../../../shared/ipc/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Main→renderer events. Payloads are validated against the contract before they leave, and fan out
 * to every connected client (Electron windows and gateway sockets subscribe the same way).
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const parsed = events[name].payload.parse(payload);
    for (const l of this.listeners) l(name, parsed);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
