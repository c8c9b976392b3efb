import { events, type EventName, type EventPayload } from '../../../../shared/ipc/contract';

/** `to` is set when an event belongs to one client only (its terminal output, its console frames). */
export type EventListener = (name: EventName, payload: unknown, to?: string) => void;

/**
 * Main→renderer events. Payloads are validated against the contract before they leave, and fan out
 * to every connected client (Electron windows and gateway sockets subscribe the same way). A transport
 * delivers an event with `to` only to the client whose clientId matches.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const parsed = events[name].payload.parse(payload);
    for (const l of this.listeners) l(name, parsed);
  }

  /** Sends to one client (clientId as given to handlers in CallContext). */
  emitTo<K extends EventName>(clientId: string, name: K, payload: EventPayload<K>): void {
    const parsed = events[name].payload.parse(payload);
    for (const l of this.listeners) l(name, parsed, clientId);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
