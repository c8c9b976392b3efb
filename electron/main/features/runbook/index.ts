import { defineFeature, portless } from '../../platform/feature';
import { createRunbookFeature, type RunbookFeatureDeps } from './runbook.feature';

export const runbookFeature = defineFeature<RunbookFeatureDeps>({ name: 'runbook', create: (d) => portless(createRunbookFeature(d)) });
