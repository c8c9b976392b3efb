import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page';
import { gatewayOrigin, gatewayUrl } from './support/gateway-url';
import { invokeOverSocket } from './support/invoke-over-socket';

test.use({ locale: 'en-US' });

/** Another local web server (any dev server on 127.0.0.1): it records everything a browser sends it. */
async function startOtherLocalServer(): Promise<{ server: Server; origin: string; seen: Array<{ url: string; headers: IncomingHttpHeaders }> }> {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>other</title><img src="/pixel.png">');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

test('another loopback server opened in the same browser receives no token, and the app survives a reload', async ({ page, context }) => {
  const token = new URL(gatewayUrl()).searchParams.get('token')!;
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  await expect(shell.modeBadge).toHaveText('Browser mode');
  expect(page.url()).toBe(`${gatewayOrigin()}/`);
  expect(await context.cookies()).toEqual([]);

  const other = await startOtherLocalServer();
  try {
    const otherPage = await context.newPage();
    await otherPage.goto(`${other.origin}/`);
    await expect.poll(() => other.seen.length).toBeGreaterThanOrEqual(2); // the page and its image
    for (const req of other.seen) {
      expect(req.headers.cookie).toBeUndefined();
      expect(JSON.stringify(req)).not.toContain(token);
    }
    // Its page cannot read our tab's storage either (sessionStorage is per origin, port included).
    expect(await otherPage.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);
    await otherPage.close();
  } finally {
    await new Promise<void>((r) => other.server.close(() => r()));
  }

  // Reload: the token comes from sessionStorage; the app connects and answers calls.
  await page.reload();
  await expect(shell.modeBadge).toHaveText('Browser mode');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  const info = await invokeOverSocket<{ mode: string }>(page, 'app.info', {});
  expect(info.mode).toBe('browser');
  expect(shell.problems).toEqual([]);
});
