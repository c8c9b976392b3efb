import type { FeatureModule } from '../../platform/ipc/handlers';
import type { ConsoleService } from './console-service';

/** The console capability's IPC side: every call acts on the caller's own streams (ctx.clientId). */
export function createConsoleFeature(service: ConsoleService): FeatureModule {
  return {
    name: 'console',
    handlers: {
      'console.open': (input, ctx) => service.open(ctx.clientId, input.hostId, input.vmId, ctx.signal),
      'console.close': async (input, ctx) => ({ closed: await service.close(ctx.clientId, input.streamId) }),
      'console.setVisibility': (input, ctx) => ({ visibility: service.setVisibility(ctx.clientId, input.streamId, input.visibility) }),
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
