import { BrowserWindow, shell } from 'electron';
import { createLogger } from '../app/logger';
import { appEntryUrl, buildWindowOptions, externalLinkTarget, permissionCheckAllows } from './window-options';

const log = createLogger('window');

/**
 * The one place windows are made. Beyond the options: every navigation away from the app, every
 * window.open (http(s) links go to the system browser instead) and every <webview> attach is refused, so a compromised page cannot load remote content
 * into a window that holds the bridge.
 */
export function createMainWindow(opts: { preloadPath: string; icon?: string }): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(opts.preloadPath, { icon: opts.icon }));
  const wc = win.webContents;
  // No window is ever opened in the app; an http(s) link (e.g. clicked in terminal output) goes to the system browser.
  wc.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url);
    if (external) void shell.openExternal(external);
    else log.warn(`window.open denied: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (event, url) => {
    log.warn(`navigation denied: ${url.slice(0, 200)}`);
    event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    log.warn(`redirect denied: ${url.slice(0, 200)}`);
    event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.session.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn(`permission request denied: ${permission}`);
    callback(false);
  });
  // Checks are denied too, except the clipboard the app itself uses (see permissionCheckAllows).
  wc.session.setPermissionCheckHandler((_wc, permission) => permissionCheckAllows(permission));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appEntryUrl);
  return win;
}
