import type { FeatureModule } from '../../platform/ipc/handlers';
import type { DocumentProblems } from '../../platform/documents/document-problems';

export interface AppFeatureDeps {
  version: string;
  mode: 'desktop' | 'browser';
  dataDir: string;
  /** Every state file set aside this run (collected by the platform from all stores). */
  problems: DocumentProblems;
}

export function createAppFeature(deps: AppFeatureDeps): FeatureModule {
  return {
    name: 'app',
    handlers: {
      'app.info': () => ({ name: 'Hyperdesk', version: deps.version, mode: deps.mode, platform: process.platform, dataDir: deps.dataDir }),
      'app.problems': () => ({ problems: deps.problems.list().map(({ file, keptAt, reason }) => ({ file, keptAt, reason })) }),
      'app.dismissProblem': ({ keptAt }) => ({ dismissed: deps.problems.dismiss(keptAt) }),
    },
  };
}
