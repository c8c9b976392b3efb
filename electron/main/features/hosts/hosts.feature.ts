import type { FeatureModule } from '../../platform/ipc/handlers';
import type { SessionRegistry } from '../../platform/sessions/session-registry';

/** IPC for the host list. Passwords flow in through hosts.add/update/test and never come back out. */
export function createHostsFeature(registry: SessionRegistry): FeatureModule {
  return {
    name: 'hosts',
    handlers: {
      'hosts.list': async () => ({ hosts: await registry.list() }),
      'hosts.add': (input) => registry.add(input),
      'hosts.update': (input) => registry.update(input.id, input.patch),
      'hosts.remove': async (input) => ({ removed: await registry.remove(input.id) }),
      'hosts.test': (input) => registry.test(input),
      'hosts.reconnect': (input) => registry.reconnect(input.id),
      'hosts.hostKey': async (input) => ({ key: await registry.hostKey(input.address, input.port) }),
      'hosts.trustHostKey': (input) => registry.trustHostKey(input.address, input.port, input.fingerprint),
      'hosts.forgetHostKey': async (input) => ({ removed: await registry.forgetHostKey(input.address, input.port) }),
    },
    dispose: () => registry.dispose(),
  };
}
