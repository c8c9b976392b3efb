import { app, BrowserWindow, ipcMain } from 'electron';
import { join, resolve } from 'node:path';
import { composeApp, type AppServices } from '../app/compose';
import { createLogger } from '../app/logger';
import { registerAppSchemePrivileges, serveRendererOverAppScheme } from './app-protocol';
import { registerDesktopIpc, type IpcMainLike } from './desktop-ipc';
import { createMainWindow } from './window-factory';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { EncryptedFileSecretStore } from './encrypted-secret-store';
import { startTaskNotifications } from './desktop-notifier';
import { windowsAppUserModelId } from './app-identity';
import type { SecretStore } from '../platform/sessions/secret-store';

const log = createLogger('desktop');

/**
 * Electron's lifecycle: one instance, compose the same services as the gateway, serve the renderer on
 * app://, wire IPC and the task notifications, open the window; on quit, dispose the services (close
 * PowerShell sessions) first.
 * `distDir` is dist/electron (where main.cjs and preload.cjs are).
 */
export function runDesktop(opts: { distDir: string; version: string }): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppSchemePrivileges();
  if (process.platform === 'win32') app.setAppUserModelId(windowsAppUserModelId({ isPackaged: app.isPackaged, execPath: process.execPath }));
  // Dev: the repo root holds assets/lab and the PowerShell files under electron/. Packaged: electron-builder's
  // extraResources, at the same relative paths (platform/resources.ts spells them).
  const resourcesDir = app.isPackaged ? process.resourcesPath : resolve(opts.distDir, '..', '..');
  const rendererDir = resolve(opts.distDir, '..', 'renderer');
  const preloadPath = join(opts.distDir, 'preload.cjs');

  let services: AppServices | null = null;
  let ipc: ReturnType<typeof registerDesktopIpc> | null = null;
  let stopTaskNotices: (() => void) | null = null;

  const openWindow = () => {
    const win = createMainWindow({ preloadPath });
    ipc?.attach(win.webContents);
    return win;
  };

  // A second launch and a click on a notification both bring the window forward (reopened if it was closed).
  const bringWindowForward = () => {
    const win = BrowserWindow.getAllWindows()[0] ?? (services ? openWindow() : undefined);
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  app.on('second-instance', bringWindowForward);

  app.on('web-contents-created', (_e, contents) => {
    // Belt and braces beside the window factory: nothing may open a window or a webview anywhere.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app
    .whenReady()
    .then(async () => {
      serveRendererOverAppScheme(rendererDir);
      const dataDir = app.getPath('userData');
      services = await composeApp({ mode: 'desktop', version: opts.version, dataDir, resourcesDir, secrets: desktopSecrets(dataDir) });
      ipc = registerDesktopIpc({ ipcMain: ipcMain as unknown as IpcMainLike, services });
      // A task that ends while the window is in the background is announced by the OS (task-notifications.ts).
      stopTaskNotices = startTaskNotifications(services.bus, bringWindowForward);
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((err: unknown) => {
      log.error('start failed', err);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || !services) return;
    // Hold the quit until sessions are closed, then quit for real.
    event.preventDefault();
    disposed = true;
    const current = services;
    stopTaskNotices?.();
    ipc?.dispose();
    current
      .dispose()
      .catch((err: unknown) => log.error('dispose failed', err))
      .finally(() => app.quit());
  });
}

/** Passwords persist encrypted with the OS vault key; without a vault they are kept for this session only. */
function desktopSecrets(dataDir: string): SecretStore | undefined {
  const cipher = createSafeStorageCipher();
  if (cipher.isAvailable()) return new EncryptedFileSecretStore(join(dataDir, 'secrets.json'), cipher);
  log.warn('no OS credential vault (safeStorage unavailable): host passwords are kept in memory only');
  return undefined; // composeApp falls back to the in-memory store
}
