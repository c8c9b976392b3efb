import { expect, type Locator, type Page } from '@playwright/test';
import { invokeOverSocket } from '../support/invoke-over-socket';

/** The bits of the DOM the in-page callbacks use (the e2e tsconfig has no DOM lib; they run in the page). */
interface RowsLike {
  children: ArrayLike<{ textContent: string | null }>;
}

/** Page object for the terminal dock: show/hide, resize, target picker, tabs, and the active xterm's rendered rows. */
export class TerminalPage {
  constructor(readonly page: Page) {}

  /** The "Terminal" navigation entry: the dock, maximised over the content area. */
  async show(): Promise<void> {
    await this.page.getByTestId('nav-terminal').click();
    await expect(this.page.getByTestId('terminal-new')).toBeVisible();
  }

  get dock(): Locator {
    return this.page.getByTestId('terminal-dock');
  }

  /** Ctrl+` (anywhere, also with the focus in a terminal). */
  async toggleWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+Backquote');
  }

  /** The top bar's terminal button. */
  async toggleWithButton(): Promise<void> {
    await this.page.getByTestId('terminal-toggle').click();
  }

  async height(): Promise<number> {
    return (await this.dock.boundingBox())!.height;
  }

  /** Drags the dock's top edge by `dy` pixels (negative: up, taller). */
  async dragGrip(dy: number): Promise<void> {
    const box = (await this.page.getByTestId('terminal-dock-grip').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x, y + dy / 2);
    await this.page.mouse.move(x, y + dy);
    await this.page.mouse.up();
  }

  async openOn(label: RegExp): Promise<void> {
    const select = this.page.getByTestId('terminal-target');
    await expect(select.locator('option', { hasText: label })).toHaveCount(1, { timeout: 30_000 });
    const value = await select.locator('option', { hasText: label }).getAttribute('value');
    await select.selectOption(value!);
    await this.page.getByTestId('terminal-new').click();
    await expect(this.rows).toBeVisible();
  }

  get rows(): Locator {
    return this.page.getByTestId('terminal-area').locator('.xterm-rows');
  }

  /** The screen as lines of text (xterm's DOM renderer draws one div per row; spaces may be non-breaking). */
  async lines(): Promise<string[]> {
    return this.rows.evaluate((el) => Array.from((el as unknown as RowsLike).children).map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
  }

  /** The screen with wrapped rows joined (long commands span several rows). */
  async text(): Promise<string> {
    return (await this.lines()).join('');
  }

  async waitForPrompt(): Promise<void> {
    await expect.poll(async () => (await this.lines()).some((l) => /^PS .*> ?$/.test(l)), { timeout: 60_000 }).toBe(true);
  }

  async type(text: string): Promise<void> {
    await this.page.getByTestId('terminal-area').locator('.xterm-screen').click();
    await this.page.keyboard.type(text);
  }

  /** Calls main over a separate authenticated socket (the page's stored token), for facts the test compares with. */
  invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeOverSocket<T>(this.page, channel, input);
  }
}
