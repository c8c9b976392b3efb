import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePaths } from '../../../electron/main/platform/resources';

/**
 * What `npm run dist` puts in the Windows app, from electron-builder's real file selection, offline: `--win --dir`
 * with a fake unpacked Electron (electronDist), on a staging copy of the project whose dist/ holds placeholder
 * bundles (the selection depends on file names, not contents), so the test needs no build and no download.
 * The fake electron.exe is no real PE file, so the two steps that edit the executable are off (resource
 * editing, and the asar integrity hash stored in it); neither chooses files.
 * node_modules, assets and electron/ are links to the repo's own, so the dependency walk and the
 * extraResources globs see exactly what a real packaging run sees.
 */
const root = resolve(__dirname, '../../..');
const run = promisify(execFile);

let work: string;
let resources: string;
let asarFiles: string[];

/** Every file under `dir`, as forward-slash paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Top-level package names (scoped as `@scope/name`) of node_modules paths in the archive. */
function packagesIn(paths: string[]): string[] {
  const names = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/').filter(Boolean);
    if (parts[0] !== 'node_modules' || parts.length < 2) continue;
    names.add(parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!);
  }
  return [...names].sort();
}

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's default wire: '1' on, '0' off, for RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol. */
const shippedFuseWire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);

const link = (target: string, path: string) => symlinkSync(target, path, process.platform === 'win32' ? 'junction' : 'dir');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hyperdesk-packaging-'));
  const project = join(work, 'project');
  const electronDist = join(work, 'electron-dist');
  const output = join(work, 'release');
  mkdirSync(join(project, 'dist', 'electron'), { recursive: true });
  mkdirSync(join(project, 'dist', 'renderer', 'assets'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(project, 'package.json'));
  link(join(root, 'node_modules'), join(project, 'node_modules'));
  link(join(root, 'assets'), join(project, 'assets'));
  link(join(root, 'electron'), join(project, 'electron'));
  link(join(root, 'scripts'), join(project, 'scripts')); // the afterPack hook (scripts/packaging/electron-fuses.cjs)
  for (const f of ['electron/main.cjs', 'electron/main.cjs.map', 'electron/preload.cjs', 'electron/gateway.cjs', 'electron/package.json', 'renderer/index.html', 'renderer/assets/index.js', 'renderer/assets/index.js.map']) {
    writeFileSync(join(project, 'dist', f), '// placeholder\n');
  }
  // An unpacked Electron needs only its executable for --dir. It carries a fuse wire as Electron ships it
  // (sentinel, version 1, 8 fuses, RunAsNode/NODE_OPTIONS/--inspect on), so the afterPack hook has something to flip.
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron.exe'), Buffer.concat([Buffer.from('not a real executable\n'), shippedFuseWire, Buffer.from('\n')]));

  const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const args = [
    ...['--dir', '--win', '--x64', '--config', join(root, 'electron-builder.yml')],
    ...[`-c.electronDist=${electronDist}`, `-c.directories.output=${output}`, '-c.win.signAndEditExecutable=false', '-c.disableAsarIntegrity=true'],
  ];
  await run(process.execPath, [cli, ...args], { cwd: project, timeout: 90_000, env: { ...process.env, CI: '1' } });

  resources = join(output, 'win-unpacked', 'resources');
  const asar = (await import('@electron/asar')) as unknown as { listPackage(p: string, o: object): string[] };
  // Folders are listed too, and the unpacked files (the header flags them); paths use the OS separator.
  asarFiles = asar.listPackage(join(resources, 'app.asar'), {}).map((p) => p.split(sep).join('/'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder package contents', () => {
  it('packs the bundles and package.json, without source maps', () => {
    for (const f of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/gateway.cjs', '/dist/renderer/index.html', '/dist/renderer/assets/index.js']) {
      expect(asarFiles).toContain(f);
    }
    expect(asarFiles.filter((p) => p.startsWith('/dist/') && p.endsWith('.map'))).toEqual([]);
  });

  it('packs node-pty and no other package: dev tools stay out, and the bundled runtime deps are not packed twice', () => {
    const packed = packagesIn(asarFiles);
    for (const dev of ['typescript', 'vite', 'vitest', 'eslint', 'electron', 'electron-builder', 'esbuild', 'jsdom', 'tsx', '@playwright/test', 'playwright-core']) {
      expect(packed).not.toContain(dev);
    }
    expect(packed.filter((p) => p.startsWith('@types/'))).toEqual([]);
    expect(packed).toEqual(['node-pty']);
  });

  it('ships node-pty unpacked beside app.asar with its Windows binaries (a native module cannot load from inside the archive)', () => {
    const ptyDir = join(resources, 'app.asar.unpacked', 'node_modules', 'node-pty');
    for (const f of ['package.json', 'lib/index.js', ...['pty.node', 'conpty.node', 'conpty/conpty.dll', 'conpty/OpenConsole.exe', 'winpty.dll', 'winpty-agent.exe'].map((b) => `prebuilds/win32-x64/${b}`)]) {
      expect(existsSync(join(ptyDir, f)), f).toBe(true);
    }
    // Debug symbols are most of node-pty's size on disk (about 53 of 63 MB) and are never loaded.
    expect(filesUnder(ptyDir).filter((p) => p.endsWith('.pdb'))).toEqual([]);
  });

  it('ships every PowerShell file under electron/ unpacked in resources, at its repo path, and nothing else from electron/', () => {
    const shipped = filesUnder(join(resources, 'electron'));
    const inRepo = filesUnder(join(root, 'electron')).filter((p) => /\.ps[dm]?1$/i.test(p));
    expect(inRepo.length).toBeGreaterThan(30);
    expect(shipped).toEqual(inRepo);
    expect(existsSync(resourcePaths.agentScript(resources))).toBe(true);
    for (const feature of ['hosts', 'inventory', 'checkpoints', 'console', 'p2v', 'terminal']) {
      expect(shipped.some((p) => p.startsWith(`main/features/${feature}/`))).toBe(true);
    }
  });

  it('flips the Electron fuses in the packaged executable (afterPack): no RunAsNode, NODE_OPTIONS or --inspect; asar only, with integrity', async () => {
    const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
    const FuseState = { ENABLE: '1'.charCodeAt(0), DISABLE: '0'.charCodeAt(0) }; // the wire's bytes (not exported by the package)
    const wire = (await getCurrentFuseWire(join(resources, '..', 'Hyperdesk.exe'))) as unknown as Record<number, number>;
    const state = (o: number) => (wire[o] === FuseState.ENABLE ? 'on' : wire[o] === FuseState.DISABLE ? 'off' : `?${wire[o]}`);
    expect({
      RunAsNode: state(FuseV1Options.RunAsNode),
      EnableNodeOptionsEnvironmentVariable: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      EnableNodeCliInspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      OnlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      EnableEmbeddedAsarIntegrityValidation: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
    }).toEqual({ RunAsNode: 'off', EnableNodeOptionsEnvironmentVariable: 'off', EnableNodeCliInspectArguments: 'off', OnlyLoadAppFromAsar: 'on', EnableEmbeddedAsarIntegrityValidation: 'on' });
    // Fuses not named keep Electron's default (cookie encryption stays as shipped).
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('off');
  });

  it('ships assets/lab whole and unpacked in resources (pwsh cannot read inside app.asar)', () => {
    expect(filesUnder(join(resources, 'assets', 'lab'))).toEqual(filesUnder(join(root, 'assets', 'lab')));
    expect(existsSync(resourcePaths.labModules(resources))).toBe(true);
    // Not in the archive as well: the lab and the scripts are read from resources only.
    expect(asarFiles.filter((p) => p.startsWith('/assets/') || p.startsWith('/electron/'))).toEqual([]);
  });
});
