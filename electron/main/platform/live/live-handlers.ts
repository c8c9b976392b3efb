import type { EventName, EventPayload } from '../../../../shared/ipc/contract';
import type { EventBus } from '../ipc/event-bus';
import type { FeatureModule, PartialHandlers } from '../ipc/handlers';
import type { ClientPresence } from './client-presence';
import type { LeaseTable } from './lease-table';

/**
 * The `<x>.lease` / `<x>.release` handlers of a live stream over its LeaseTable. `create: true` lets a lease call
 * open a lease on any valid id (the inventory poll); `create: false` only renews leases main opened itself (a
 * console stream, opened by `console.open`), so a client cannot attach to an id it was never given.
 */
export function leaseHandlers<M>(
  def: { lease: string; release: string },
  table: LeaseTable<M>,
  how: { create: boolean },
): PartialHandlers {
  return {
    [def.lease]: ({ id, mode }: { id: string; mode?: M }, ctx: { clientId: string }) =>
      how.create ? table.open(ctx.clientId, id, mode) : table.renew(ctx.clientId, id, mode),
    [def.release]: ({ id }: { id: string }, ctx: { clientId: string }) => ({ released: table.release(ctx.clientId, id) }),
  } as PartialHandlers;
}

/** Sends a stream's event to the holders of its id, and to no one else. */
export type LiveEmit = <K extends EventName>(id: string, name: K, payload: EventPayload<K>) => void;

export function liveEmitter(table: Pick<LeaseTable<unknown>, 'holders'>, bus: Pick<EventBus, 'emitTo'>): LiveEmit {
  return (id, name, payload) => {
    for (const clientId of table.holders(id)) bus.emitTo(clientId, name, payload);
  };
}

/** The `live.hold` channel: one call per client connection, held until its transport aborts it. */
export function createLiveFeature(presence: ClientPresence): FeatureModule {
  return {
    name: 'live',
    handlers: {
      'live.hold': async (_input, ctx) => {
        await presence.hold(ctx.clientId, ctx.signal);
        return {};
      },
    },
  };
}
