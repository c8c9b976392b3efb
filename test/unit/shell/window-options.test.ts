import { describe, expect, it, vi } from 'vitest';

// The real electron module tries to download a binary when required from Node: never load it in tests.
vi.mock('electron', () => ({}));

import { appEntryUrl, buildWindowOptions, isAppUrl } from '../../../electron/main/desktop/window-options';

describe('buildWindowOptions', () => {
  it('makes isolated, sandboxed windows without Node or webview, with only our preload', () => {
    const o = buildWindowOptions('/app/dist/electron/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(o.show).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts only our app:// origin', () => {
    expect(isAppUrl(appEntryUrl)).toBe(true);
    expect(isAppUrl('app://hyperdesk/assets/x.js')).toBe(true);
    expect(isAppUrl('app://hyperdesk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://hyperdesk/index.html')).toBe(false);
    expect(isAppUrl('file:///app/index.html')).toBe(false);
  });
});
