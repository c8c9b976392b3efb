import { defineFeature } from '../../platform/feature';
import { createAppFeature, type AppFeatureDeps, type AppPort } from './app.feature';

export type { AppPort } from './app.feature';
export const appFeature = defineFeature<AppFeatureDeps, AppPort>({ name: 'app', create: (d) => createAppFeature(d) });
