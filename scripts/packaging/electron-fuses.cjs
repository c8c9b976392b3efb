// electron-builder afterPack hook (electron-builder.yml: afterPack): flips Electron's fuses in the packaged
// executable, before signing, so the shipped app cannot be turned into a general Node runtime or debugger:
//   RunAsNode off                  ELECTRON_RUN_AS_NODE=1 would make Hyperdesk.exe a plain node.exe
//   NODE_OPTIONS off, --inspect off  no code injected at start, no debugger attached to main
//   OnlyLoadAppFromAsar on         no app folder beside the asar is loaded instead of it
//   EmbeddedAsarIntegrity on       a modified app.asar is refused (the hash electron-builder stores in the exe)
// test/integration/packaging/package-contents.test.ts reads the wire back from the packaged output.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder require()s its hooks: this file stays CommonJS */
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The fuses Hyperdesk ships with (index in the V1 wire → on/off). */
const hardenedFuses = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
};

/** The Electron executable inside electron-builder's appOutDir, per target platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

/** Flips the fuses in one Electron binary (the hook's work, callable on a fixture). */
async function hardenElectronBinary(binary, { darwinArm64 = false } = {}) {
  await flipFuses(binary, { version: FuseVersion.V1, resetAdHocDarwinSignature: darwinArm64, ...hardenedFuses });
}

async function afterPack(context) {
  const darwinArm64 = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === 3; // Arch.arm64
  await hardenElectronBinary(electronBinary(context), { darwinArm64 });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.hardenedFuses = hardenedFuses;
module.exports.electronBinary = electronBinary;
module.exports.hardenElectronBinary = hardenElectronBinary;
