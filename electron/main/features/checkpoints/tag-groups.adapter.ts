import type { CallContext, PartialHandlers } from '../../platform/ipc/handlers';
import type { TagGroupLookup } from './checkpoints.service';

/**
 * Multi-VM application groups are the inventory's tags (stored by the inventory feature). Read through
 * its own handlers, so the checkpoints feature depends on the contract, not on the inventory's internals.
 */
export function tagGroupsFromInventory(handlers: PartialHandlers): TagGroupLookup {
  const ctx = (): CallContext => ({ signal: new AbortController().signal, clientId: 'main:checkpoints' });
  return {
    async groupsOf(hostId, vmId) {
      const prefsHandler = handlers['inventory.prefs'];
      const snapshotHandler = handlers['inventory.snapshot'];
      if (!prefsHandler) return [];
      const prefs = await prefsHandler({}, ctx());
      const norm = (key: string) => key.toLowerCase();
      const self = norm(`${hostId}/${vmId}`);
      const entries = Object.entries(prefs.tags);
      const mine = entries.find(([k]) => norm(k) === self)?.[1] ?? [];
      if (mine.length === 0) return [];
      const names = new Map<string, string>();
      if (snapshotHandler) {
        const snap = await snapshotHandler({}, ctx());
        for (const h of snap.hosts) for (const v of h.vms) names.set(norm(`${h.hostId}/${v.id}`), v.name);
      }
      return mine
        .map((tag) => ({
          tag,
          otherVms: entries.filter(([k, tags]) => norm(k) !== self && tags.includes(tag)).map(([k]) => names.get(norm(k)) ?? k),
        }))
        .filter((g) => g.otherVms.length > 0);
    },
  };
}
