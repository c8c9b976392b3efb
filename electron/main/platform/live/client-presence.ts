/**
 * Which clients (windows, gateway sockets) are still connected, learned without transport hooks: every client keeps
 * one `live.hold` call open, and both transports abort a client's calls when its socket closes, its window is
 * destroyed or its page reloads. When the last hold of a client ends, the client is gone and the listeners hear it.
 */
export class ClientPresence {
  private readonly holds = new Map<string, number>();
  private readonly listeners = new Set<(clientId: string) => void>();

  /** Settles when the signal aborts; the client counts as present until its last hold has ended. */
  async hold(clientId: string, signal: AbortSignal): Promise<void> {
    this.holds.set(clientId, (this.holds.get(clientId) ?? 0) + 1);
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const left = (this.holds.get(clientId) ?? 1) - 1;
    if (left > 0) {
      this.holds.set(clientId, left);
      return;
    }
    this.holds.delete(clientId);
    for (const l of [...this.listeners]) l(clientId);
  }

  isPresent(clientId: string): boolean {
    return this.holds.has(clientId);
  }

  /** Called with the id of each client that went away; returns the unsubscribe. */
  onGone(listener: (clientId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
