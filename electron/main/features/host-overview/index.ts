import { defineFeature, portless } from '../../platform/feature';
import { createHostOverviewModule, type HostOverviewFeatureDeps } from './host-overview.feature';

export const hostOverviewFeature = defineFeature<HostOverviewFeatureDeps>({ name: 'host-overview', create: (d) => portless(createHostOverviewModule(d)) });
