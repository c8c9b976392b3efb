import { consoleLive } from '../../../../shared/features/console/console.contract';
import type { FeatureModule } from '../../platform/ipc/handlers';
import { leaseHandlers } from '../../platform/live/live-handlers';
import type { ConsoleService } from './console.service';

/** The console capability's IPC side: every call acts on the caller's own streams (ctx.clientId). */
export function createConsoleFeature(service: ConsoleService): FeatureModule {
  return {
    name: 'console',
    handlers: {
      'console.open': (input, ctx) => service.open(ctx.clientId, input.hostId, input.vmId, ctx.signal),
      // console.lease {id, mode: visibility} renews only what console.open started; console.release closes it.
      ...leaseHandlers(consoleLive, service.leases, { create: false }),
      'console.sendKeys': (input, ctx) => service.sendKeys(ctx.clientId, input.streamId, input.actions, input.perKey, ctx.signal),
      'console.mouse': (input, ctx) => service.mouse(ctx.clientId, input.streamId, input, ctx.signal),
      'console.powerOn': async (input, ctx) => ({ state: await service.powerOn(ctx.clientId, input.streamId, ctx.signal) }),
      'console.handoff': (input, ctx) => {
        service.handoff(ctx.clientId, input.streamId, input.tool);
        return { launched: true };
      },
      'console.listVms': (input, ctx) => service.listVms(input.hostId, ctx.signal),
      'console.stats': (_input, ctx) => service.stats(ctx.clientId),
    },
    dispose: () => service.dispose(),
  };
}
