/**
 * Windows shows a toast only for an app whose AppUserModelID matches a Start-menu shortcut. The NSIS
 * installer makes that shortcut with electron-builder.yml's appId, so the packaged app claims the same id
 * (test/unit/shell/app-identity.test.ts keeps the two equal). Unpacked runs (`npm start`) use the Electron
 * executable's path, as Electron's docs advise for development.
 */
export const appUserModelId = 'dev.hyperdesk.app';

export function windowsAppUserModelId(opts: { isPackaged: boolean; execPath: string }): string {
  return opts.isPackaged ? appUserModelId : opts.execPath;
}
