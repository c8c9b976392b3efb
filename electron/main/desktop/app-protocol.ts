import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { securityHeaders } from '../web/content-security-policy';
import { contentTypeFor, resolveStaticPath } from '../web/static-files';
import { appHost, appScheme } from './window-options';

/** Must run before app 'ready': makes app:// a standard, secure origin that may fetch and run modules. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Serves dist/renderer under app://hyperdesk/ with the same CSP and headers as the gateway. */
export function serveRendererOverAppScheme(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === appHost ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: { ...securityHeaders(), 'Content-Type': contentTypeFor(file) } });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return new Response('Not found', { status: 404 });
      throw err;
    }
  });
}
