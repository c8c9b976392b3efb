import { defineFeature, portless } from '../../platform/feature';
import { createConsoleModule } from './console.feature';

export const consoleFeature = defineFeature<Parameters<typeof createConsoleModule>[0]>({ name: 'console', create: (d) => portless(createConsoleModule(d)) });
export { systemHandoffSeams } from './console-handoff-seams';
