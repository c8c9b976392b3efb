import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The app-data folder Electron would use (app.getPath('userData') with productName "Hyperdesk"), so the
 * browser mode and the desktop app share hosts, ledger and lab state. HYPERDESK_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.HYPERDESK_DATA_DIR) return resolve(env.HYPERDESK_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Hyperdesk');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hyperdesk');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Hyperdesk');
}

export interface GatewayArgs {
  host: string;
  port: number;
  dataDir: string;
}

/** Flags win over env (HYPERDESK_HOST / HYPERDESK_PORT / HYPERDESK_DATA_DIR), which win over defaults. */
export function parseGatewayArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): GatewayArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--(host|port|data-dir)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument: ${arg} (use --host, --port, --data-dir)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    flags.set(m[1]!, value);
  }
  const host = flags.get('host') ?? env.HYPERDESK_HOST ?? '127.0.0.1';
  const portText = flags.get('port') ?? env.HYPERDESK_PORT ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`Invalid port: ${portText} (0-65535; 0 picks a free one)`);
  const dataDir = flags.has('data-dir') ? resolve(flags.get('data-dir')!) : defaultDataDir(env);
  return { host, port, dataDir };
}
