import { expect, type Page } from '@playwright/test';
import { invokeOverSocket } from '../support/invoke-over-socket';

/** The bits of the DOM these callbacks use (the e2e tsconfig has no DOM lib; they run in the page). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** Page object for the Consoles view: picker, tabs, the canvas and its toolbar. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  get canvas() {
    return this.page.getByTestId('console-canvas');
  }

  get screen() {
    return this.page.getByTestId('console-screen');
  }

  /** Opens the console of the named VM, looking through the hosts in the picker. */
  async openVm(name: string): Promise<void> {
    await this.page.getByTestId('nav-console').click();
    const hostSelect = this.page.getByTestId('console-host');
    const vmSelect = this.page.getByTestId('console-vm');
    await expect(hostSelect.locator('option').first()).toBeAttached({ timeout: 30_000 });
    const hosts = await hostSelect.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    for (const host of hosts) {
      await hostSelect.selectOption(host);
      const option = vmSelect.locator('option', { hasText: `${name} (Running)` });
      try {
        await expect(option).toBeAttached({ timeout: 15_000 });
      } catch {
        continue; // not on this host
      }
      await vmSelect.selectOption((await option.getAttribute('value'))!);
      await this.page.getByTestId('console-open').click();
      await expect(this.canvas).toHaveAttribute('data-seq', /\d+/, { timeout: 30_000 });
      return;
    }
    throw new Error(`no host shows ${name} running`);
  }

  async seq(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-seq'));
  }

  /**
   * Keeps a copy of the painted pixels in the page and later counts the pixels that changed since, in the page:
   * shipping 3 MB of RGBA to the test per look would be slower than the frames.
   */
  snapshot(): Promise<void> {
    return this.canvas.evaluate((el) => {
      const c = el as unknown as CanvasLike;
      (globalThis as unknown as { __consoleSnap: ArrayLike<number> }).__consoleSnap = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    });
  }

  changedSinceSnapshot(): Promise<number> {
    return this.canvas.evaluate((el) => {
      const c = el as unknown as CanvasLike;
      const a = (globalThis as unknown as { __consoleSnap: ArrayLike<number> }).__consoleSnap;
      const b = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < Math.min(a.length, b.length); i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
      return n;
    });
  }

  /** Calls a contract channel on a second, same-origin socket (the page's stored token authenticates it). */
  invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeOverSocket<T>(this.page, channel, input);
  }
}
