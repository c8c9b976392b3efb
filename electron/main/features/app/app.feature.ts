import type { FeatureModule } from '../../platform/ipc/handlers';

export interface AppFeatureDeps {
  version: string;
  mode: 'desktop' | 'browser';
}

export function createAppFeature(deps: AppFeatureDeps): FeatureModule {
  return {
    name: 'app',
    handlers: {
      'app.info': () => ({ name: 'Hyperdesk', version: deps.version, mode: deps.mode, platform: process.platform }),
    },
  };
}
