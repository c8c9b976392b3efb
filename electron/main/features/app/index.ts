import { defineFeature, portless } from '../../platform/feature';
import { createAppFeature, type AppFeatureDeps } from './app.feature';

export const appFeature = defineFeature<AppFeatureDeps>({ name: 'app', create: (d) => portless(createAppFeature(d)) });
