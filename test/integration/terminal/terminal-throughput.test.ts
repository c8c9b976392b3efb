import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PtyDriver } from './pty-driver';

/**
 * A command that prints 50 MB through a real pty: every line arrives, the main thread's event loop
 * never stalls for long (batching + flow control), and the time is reported.
 */
const repoRoot = resolve(__dirname, '..', '..', '..');
const driver = new PtyDriver({ resourcesDir: repoRoot });
afterAll(() => driver.dispose());

const LINES = 51_200; // 51,200 lines x 1,024 bytes = 50 MiB
const WIDTH = 1023;

describe('terminal throughput (real pty, real pwsh)', () => {
  it('prints 50 MB completely while the event loop stays responsive and flow control engages', { timeout: 240_000 }, async () => {
    driver.ackDelayMs = 2; // a renderer that needs a moment per frame
    const t = await driver.service.open(driver.client, { kind: 'local' }, { cols: 200, rows: 50 });
    await driver.waitFor(t.sessionId, /PS [^\n]*> $/);

    let maxLag = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last - 10);
      last = now;
    }, 10);
    let pausedSeen = false;
    const pauseProbe = setInterval(() => {
      if (driver.service.isPaused(t.sessionId)) pausedSeen = true;
    }, 5);

    const before = driver.received(t.sessionId);
    const started = performance.now();
    driver.service.input(
      driver.client,
      t.sessionId,
      `$l = [string]::new([char]'x', ${WIDTH}); $w = [Console]::Out; for ($i = 0; $i -lt ${LINES}; $i++) { $w.WriteLine($l) }; 'END' + 'OFDUMP'\r`,
    );
    await driver.waitFor(t.sessionId, /ENDOFDUMP/, 220_000);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(probe);
    clearInterval(pauseProbe);

    const received = driver.received(t.sessionId) - before;
    // Every line arrived: the pty turns \n into \r\n, so each line is WIDTH + 2 characters.
    expect(received).toBeGreaterThanOrEqual(LINES * (WIDTH + 2));
    expect(pausedSeen).toBe(true);
    expect(maxLag).toBeLessThan(200);
    console.log(`50 MiB through the pty: ${seconds.toFixed(1)} s (${((LINES * (WIDTH + 1)) / 1048576 / seconds).toFixed(1)} MiB/s), max event-loop lag ${maxLag.toFixed(0)} ms`);
    driver.service.close(driver.client, t.sessionId);
  });
});
