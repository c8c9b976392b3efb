import { Dispatcher } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import type { FeatureModule } from '../ipc/handlers';
import { createAppFeature } from '../features/app/app.feature';
import { createLogger } from './logger';

export interface ComposeOptions {
  mode: 'desktop' | 'browser';
  version: string;
  /** The app's data folder (hosts, ledger, lab state, caches). */
  dataDir: string;
  /** The folder that holds shipped, unpacked resources (assets/lab, PowerShell scripts). */
  resourcesDir: string;
}

export interface AppServices {
  readonly dispatcher: Dispatcher;
  readonly bus: EventBus;
  dispose(): Promise<void>;
}

/**
 * The composition root: the only place that wires real side effects (processes, files, clock) into
 * services. Electron's main and the browser gateway both call this, so they run the same services.
 */
export async function composeApp(opts: ComposeOptions): Promise<AppServices> {
  const log = createLogger('app');
  const bus = new EventBus();
  const features: FeatureModule[] = [createAppFeature({ version: opts.version, mode: opts.mode })];
  const dispatcher = new Dispatcher(features);
  log.info(`composed ${features.length} feature(s) in ${opts.mode} mode, data in ${opts.dataDir}`);
  return {
    dispatcher,
    bus,
    async dispose() {
      for (const f of [...features].reverse()) await f.dispose?.();
    },
  };
}
