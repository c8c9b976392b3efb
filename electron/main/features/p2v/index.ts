import { defineFeature, portless } from '../../platform/feature';
import { createP2vModule, type P2vModuleDeps } from './p2v.feature';

export const p2vFeature = defineFeature<P2vModuleDeps>({ name: 'p2v', create: async (d) => portless(await createP2vModule(d)) });
