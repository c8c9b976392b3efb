import { join } from 'node:path';

/**
 * Where shipped, unpacked resources live under the resources folder (the repo root in dev, `resources/` when
 * packaged; electron-builder.yml ships these paths as they are). The one place that spells them.
 */
export const resourcePaths = {
  /** A feature's library script: `electron/main/features/<feature>/scripts/<script>.ps1`. */
  featureScript: (resourcesDir: string, feature: string, script: string) => join(resourcesDir, 'electron', 'main', 'features', feature, 'scripts', `${script}.ps1`),
  /** A feature's folder of other PowerShell it ships (e.g. P2V's source bootstrap). */
  featureFile: (resourcesDir: string, feature: string, ...parts: string[]) => join(resourcesDir, 'electron', 'main', 'features', feature, ...parts),
  agentScript: (resourcesDir: string) => join(resourcesDir, 'electron', 'main', 'platform', 'powershell', 'agent', 'hyperdesk-agent.ps1'),
  powershellDir: (resourcesDir: string) => join(resourcesDir, 'electron', 'main', 'platform', 'powershell'),
  labModules: (resourcesDir: string) => join(resourcesDir, 'assets', 'lab', 'modules'),
  labDir: (resourcesDir: string, ...parts: string[]) => join(resourcesDir, 'assets', 'lab', ...parts),
} as const;
