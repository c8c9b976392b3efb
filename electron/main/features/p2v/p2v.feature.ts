import type { FeatureModule } from '../../ipc/handlers';
import type { P2vService } from './p2v-service';

/** The P2V wizard's channels: thin handlers over the service (validation happens at the dispatcher). */
export function createP2vFeature(service: P2vService): FeatureModule {
  return {
    name: 'p2v',
    handlers: {
      'p2v.list': () => service.list(),
      'p2v.get': ({ id }) => service.get(id),
      'p2v.create': ({ source }) => service.create(source),
      'p2v.preflight': ({ id, targetFolder }, ctx) => service.preflight(id, targetFolder ?? '', ctx.signal),
      'p2v.plan': ({ id, plan }, ctx) => service.plan(id, plan, ctx.signal),
      'p2v.start': ({ id }) => service.start(id),
      'p2v.cancel': ({ id }) => service.cancel(id),
      'p2v.vmAction': ({ id, action }, ctx) => service.vmAction(id, action, ctx.signal),
      'p2v.checklist': ({ id, item, done }) => service.checklist(id, item, done),
      'p2v.remove': async ({ id }) => ({ removed: await service.remove(id) }),
    },
    dispose: () => service.dispose(),
  };
}
