import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer's origin in the desktop app: a privileged custom scheme, so it gets a real origin and CSP headers. */
export const appScheme = 'app';
export const appHost = 'hyperdesk';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * Every window's options come from here (pure, so a unit test can assert them without Electron):
 * isolated, sandboxed, no Node, no <webview>, only our preload.
 */
export function buildWindowOptions(preloadPath: string, extra: { title?: string; icon?: string } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    title: extra.title ?? 'Hyperdesk',
    ...(extra.icon ? { icon: extra.icon } : {}),
    show: false, // shown on ready-to-show: no white flash
    backgroundColor: '#f4f6f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/**
 * The permission *check* answer (Electron asks it for permission state reads, beside the request handler,
 * which denies everything): no by default. The app's own clipboard copy and paste (terminal, console,
 * View PowerShell) are the only exceptions; windows only ever show our origin (navigation is refused).
 * Web notifications read as denied: main shows task notifications (desktop-app.ts), never twice.
 */
const permissionsChecksAllow: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'clipboard-read']);
export function permissionCheckAllows(permission: string): boolean {
  return permissionsChecksAllow.has(permission);
}

/** True only for the main frame of a page served from our origin (the IPC sender check uses it too). */
export function isAppUrl(url: string): boolean {
  return url === appOrigin || url.startsWith(`${appOrigin}/`);
}

/**
 * A link the user clicked (terminal output, docs) that may open in the system browser: http(s) only, no
 * credentials in the URL. Everything else (file:, javascript:, custom schemes) is refused. Returns the
 * normalised URL or null.
 */
export function externalLinkTarget(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // not a URL at all: nothing to open
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username || parsed.password) return null;
  return parsed.href;
}
