import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appUserModelId, windowsAppUserModelId } from '../../../electron/main/desktop/app-identity';

describe('Windows app identity (toasts need it)', () => {
  it('is the appId the installer gives the Start-menu shortcut', () => {
    const yml = readFileSync(resolve(__dirname, '../../../electron-builder.yml'), 'utf8');
    expect(/^appId:\s*(\S+)\s*$/m.exec(yml)?.[1]).toBe(appUserModelId);
  });

  it('is the executable path when running unpacked', () => {
    expect(windowsAppUserModelId({ isPackaged: false, execPath: 'C:\\dev\\electron.exe' })).toBe('C:\\dev\\electron.exe');
    expect(windowsAppUserModelId({ isPackaged: true, execPath: 'C:\\Program Files\\Hyperdesk\\Hyperdesk.exe' })).toBe(appUserModelId);
  });
});
