import type { FeatureModule } from './ipc/handlers';

/**
 * The one shape a capability plugs in with. `create` gets what the composition root hands it (platform doors,
 * other features' ports) and returns its IPC handlers, its public port for other features, and what to release
 * on quit. A feature's `index.ts` exports its definition and its port type, and nothing else is imported from
 * outside the feature (lint: hyperdesk/feature-boundaries).
 */
export interface FeatureDefinition<Deps, Port = undefined> {
  readonly name: string;
  create(deps: Deps): Promise<FeatureInstance<Port>> | FeatureInstance<Port>;
}

export interface FeatureInstance<Port = undefined> extends FeatureModule {
  readonly port: Port;
}

export function defineFeature<Deps, Port = undefined>(def: FeatureDefinition<Deps, Port>): FeatureDefinition<Deps, Port> {
  return def;
}

/** A feature with no port for others: its module as an instance. */
export function portless(module: FeatureModule): FeatureInstance<undefined> {
  return { ...module, port: undefined };
}
