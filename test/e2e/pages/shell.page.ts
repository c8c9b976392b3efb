import { expect, type Page } from '@playwright/test';

/** Page object for the app shell: top bar, left navigation, main area. */
export class ShellPage {
  /** Console errors and uncaught exceptions seen since the page object was created. */
  readonly problems: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.problems.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.problems.push(`pageerror: ${err.message}`));
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.navigation).toBeVisible();
  }

  get navigation() {
    return this.page.getByRole('navigation');
  }

  navItem(id: string) {
    return this.page.getByTestId(`nav-${id}`);
  }

  get mainArea() {
    return this.page.getByTestId('main-area');
  }

  get modeBadge() {
    return this.page.getByTestId('mode-badge');
  }

  get languageSwitch() {
    return this.page.getByTestId('language-switch');
  }
}
