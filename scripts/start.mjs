// `npm start` (after the build): the desktop app when the Electron binary is here, otherwise the browser
// mode, said in one line. Extra arguments go to the gateway (e.g. `npm start -- --port 8080`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/**
 * The Electron executable, or null with the reason. Reads what the electron package's index.js reads
 * (path.txt + dist/) instead of requiring it, because requiring it without a binary starts a download.
 */
function findElectron() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return { exe: null, why: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relExe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  // Same rule as electron's index.js: an override folder holds the binary under path.txt's name or 'electron'.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? join(override, relExe || defaultExeName()) : relExe ? join(pkgDir, 'dist', relExe) : null;
  if (!exe || !existsSync(exe)) return { exe: null, why: 'Electron is not installed here (offline?)' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { exe: null, why: 'Electron is installed but there is no display (DISPLAY is not set)' };
  }
  return { exe, why: '' };
}

function defaultExeName() {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** Runs a child with our terminal, relays signals, and exits with its code. */
function runChild(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  let stopping = false;
  const relay = (signal) => {
    // On Ctrl+C the terminal signals the child too; relaying again is harmless (its shutdown is idempotent)
    // and covers a signal sent to this process alone. A child that hangs is killed after 15 s.
    child.kill(signal);
    if (!stopping) {
      stopping = true;
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }
  };
  process.on('SIGINT', () => relay('SIGINT'));
  process.on('SIGTERM', () => relay('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
  child.on('error', (err) => {
    console.error(`Could not start ${cmd}: ${err.message}`);
    process.exit(1);
  });
}

const { exe, why } = findElectron();
if (exe) {
  runChild(exe, [root]);
} else {
  console.log(`${why}: starting the browser mode instead.`);
  runChild(process.execPath, [join(root, 'dist', 'electron', 'gateway.cjs'), ...process.argv.slice(2)]);
}
