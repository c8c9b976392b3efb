import { hostOverviewLive } from '../../../../shared/features/host-overview/host-overview.contract';
import { join } from 'node:path';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import type { EventBus } from '../../platform/ipc/event-bus';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { ClientPresence } from '../../platform/live/client-presence';
import { leaseHandlers, liveEmitter } from '../../platform/live/live-handlers';
import type { HostScripts } from '../../platform/scripts/script-runner';
import type { Clock } from '../../platform/time/clock';
import { fileOverviewCache } from './host-overview-cache';
import { HostOverviewService } from './host-overview.service';

export interface HostOverviewFeatureDeps {
  hosts: HostScripts;
  bus: Pick<EventBus, 'emitTo'>;
  clock: Clock;
  presence?: ClientPresence;
  log: Logger;
  sampleMs?: number;
  /** With both, the last figures per host outlive a restart (<dataDir>/host-overview-cache.json); else memory. */
  dataDir?: string;
  files?: StateFiles;
}

/** A page per host: its figures in one round trip, and live CPU/memory samples for the clients that hold its lease. */
export function createHostOverviewModule(d: HostOverviewFeatureDeps): FeatureModule & { service: HostOverviewService } {
  let emit: ReturnType<typeof liveEmitter> | null = null;
  const service = new HostOverviewService({
    hosts: d.hosts,
    clock: d.clock,
    log: d.log,
    presence: d.presence,
    sampleMs: d.sampleMs,
    cache: d.dataDir && d.files ? fileOverviewCache(join(d.dataDir, 'host-overview-cache.json'), d.files, d.log) : undefined,
    emitSample: (hostId, s) => emit?.(hostId, 'hostOverview.sample', { id: hostId, ...s }),
  });
  emit = liveEmitter(service.leases, d.bus);
  return {
    name: 'host-overview',
    service,
    handlers: {
      'hostOverview.get': ({ hostId }, ctx) => service.get(hostId, ctx.signal),
      ...leaseHandlers(hostOverviewLive, service.leases, { create: true }),
    },
    dispose() {
      service.dispose();
    },
  };
}
