import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (req: Request) => Promise<Response>>();
const privileged: unknown[] = [];
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, h: (req: Request) => Promise<Response>) => handlers.set(scheme, h),
    registerSchemesAsPrivileged: (list: unknown[]) => privileged.push(...list),
  },
}));

import { registerAppSchemePrivileges, serveRendererOverAppScheme } from '../../../electron/main/desktop/app-protocol';
import { contentSecurityPolicy } from '../../../electron/main/web/content-security-policy';

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyperdesk-proto-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(rendererDir, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  registerAppSchemePrivileges();
  serveRendererOverAppScheme(rendererDir);
  const handle = handlers.get('app')!;

  it('registers app:// as a standard, secure scheme', () => {
    expect(privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('serves the renderer with the CSP header and the right type', async () => {
    const res = await handle(new Request('app://hyperdesk/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await res.text()).toContain('<title>app</title>');
    const js = await handle(new Request('app://hyperdesk/assets/a.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves nothing outside the renderer folder or for another host', async () => {
    expect((await handle(new Request('app://hyperdesk/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://hyperdesk/missing.js'))).status).toBe(404);
  });
});
