import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeApp } from '../main/app/compose';
import { createLogger } from '../main/app/logger';
import { systemClock } from '../main/platform/time/clock';
import { parseGatewayArgs } from './gateway-paths';
import { startGateway } from './gateway-server';

declare const __HYPERDESK_VERSION__: string | undefined;

/**
 * `npm run serve` (dist/electron/gateway.cjs): the browser mode. Same composition root as Electron's
 * main, served to a browser on loopback. Prints the URL with the token, plus a machine-readable line.
 */
async function main(): Promise<void> {
  const log = createLogger('gateway');
  const args = parseGatewayArgs(process.argv.slice(2));
  // dist/electron/gateway.cjs → the repo root holds assets/lab and the PowerShell files under electron/ in dev.
  const repoRoot = resolve(__dirname, '..', '..');
  const version = typeof __HYPERDESK_VERSION__ === 'string' ? __HYPERDESK_VERSION__ : '0.0.0-dev';
  mkdirSync(args.dataDir, { recursive: true, mode: 0o700 }); // composeApp tightens an existing one
  const services = await composeApp({ mode: 'browser', version, dataDir: args.dataDir, resourcesDir: repoRoot });
  const gateway = await startGateway({ services, staticDir: join(repoRoot, 'dist', 'renderer'), host: args.host, port: args.port });

  process.stdout.write(`\nHyperdesk ${version} (browser mode) is running. Open:\n\n  ${gateway.url}\n\n`);
  if (args.host !== '127.0.0.1' && args.host !== 'localhost' && args.host !== '::1') {
    process.stdout.write(`Warning: listening on ${args.host}, not loopback: anyone who can reach it and has the token controls your hosts.\n`);
  }
  process.stdout.write(`HYPERDESK_URL=${gateway.url}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    // systemClock unrefs the timer: it only fires if the shutdown itself hangs.
    systemClock.setTimeout(() => {
      log.warn('shutdown took more than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    try {
      await gateway.close();
      await services.dispose();
    } catch (err) {
      log.error('shutdown failed', err);
      process.exitCode = 1;
    }
    process.exit();
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Hyperdesk gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
