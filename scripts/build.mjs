// `npm run build`: the renderer with Vite, then main, preload and gateway bundled to CommonJS with esbuild.
// Everything lands in dist/ (the only thing electron-builder packs besides the unpacked resources).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'dist', 'electron');
const started = Date.now();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // The version is baked in so the gateway and main need not find package.json at runtime (asar or not).
  define: { __HYPERDESK_VERSION__: JSON.stringify(pkg.version) },
};

const steps = Promise.all([
  viteBuild({ configFile: join(root, 'vite.config.ts'), configLoader: 'runner', logLevel: 'warn' }),
  esbuild({
    ...common,
    entryPoints: [join(root, 'electron/main/index.ts')],
    outfile: join(outDir, 'main.cjs'),
    // node-pty is native: it stays in node_modules (and in app.asar.unpacked when packaged).
    external: ['electron', 'node-pty'],
  }),
  esbuild({
    ...common,
    // A sandboxed preload can require only 'electron' (and a few polyfilled modules): bundle everything else.
    entryPoints: [join(root, 'electron/preload/index.ts')],
    outfile: join(outDir, 'preload.cjs'),
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
  }),
  esbuild({
    ...common,
    entryPoints: [join(root, 'electron/gateway/cli.ts')],
    outfile: join(outDir, 'gateway.cjs'),
    external: ['electron', 'node-pty'],
  }),
]);
try {
  await steps;
} catch (err) {
  // The message carries the file, line and frame; the bundler's own stack trace adds nothing.
  console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
console.log(`build: dist/renderer + dist/electron/{main,preload,gateway}.cjs in ${((Date.now() - started) / 1000).toFixed(1)}s`);
