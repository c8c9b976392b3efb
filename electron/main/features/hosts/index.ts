import { defineFeature, portless } from '../../platform/feature';
import type { SessionRegistry } from '../../platform/sessions/session-registry';
import { createHostsFeature } from './hosts.feature';

/** The host list's channels (add, edit, test, remove, reconnect) over the session registry. */
export const hostsFeature = defineFeature<{ registry: SessionRegistry }>({ name: 'hosts', create: (d) => portless(createHostsFeature(d.registry)) });
