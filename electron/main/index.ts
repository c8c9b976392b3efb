import { runDesktop } from './desktop/desktop-app';

declare const __HYPERDESK_VERSION__: string | undefined;

// Electron entry (bundled to dist/electron/main.cjs). Everything lives behind the desktop adapter.
runDesktop({ distDir: __dirname, version: typeof __HYPERDESK_VERSION__ === 'string' ? __HYPERDESK_VERSION__ : '0.0.0-dev' });
