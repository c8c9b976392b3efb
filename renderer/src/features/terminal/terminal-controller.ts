import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { maxInputChars } from '../../../../shared/features/terminal/terminal.contract';
import { api } from '../../api/client';
import { withAdoptedStyles } from './csp-safe-styles';
import { cssVar, onThemeChange } from '../../ui/theme-colors';
import { userMessage } from '../../ui/user-message';

/** xterm's colours from the theme's --terminal-* variables (app.css), so the terminal follows light/dark. */
const ansiNames = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;
function terminalTheme(): ITheme {
  const theme: Record<string, string> = {
    background: cssVar('--terminal-bg'),
    foreground: cssVar('--terminal-fg'),
    cursor: cssVar('--terminal-cursor'),
    selectionBackground: cssVar('--terminal-selection'),
  };
  for (const name of ansiNames) {
    theme[name] = cssVar(`--terminal-${name}`);
    theme[`bright${name[0]!.toUpperCase()}${name.slice(1)}`] = cssVar(`--terminal-bright-${name}`);
  }
  // An undefined variable ('') leaves xterm's own default for that colour.
  return Object.fromEntries(Object.entries(theme).filter(([, v]) => v !== '')) as ITheme;
}

/**
 * One terminal tab's xterm, alive for as long as the tab (not the view): its element is moved into the
 * view when shown. Output is written with a callback that acks the characters to main (flow control);
 * keys, pastes and resizes go to main as calls for this session only.
 */
export class TerminalController {
  readonly element: HTMLDivElement;
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  readonly search = new SearchAddon();
  private pendingAck = 0;
  private ackTimer: number | null = null;
  /** While replaying scrollback, the replayed queries (cursor position...) must not answer the live shell. */
  private replaying = false;
  private resizeTimer: number | null = null;
  /** xterm is opened on first mount: it measures its cells in the live DOM. Until then it only buffers. */
  private opened = false;
  private observer: ResizeObserver | null = null;
  private readonly stopThemeWatch: () => void;
  onError: (message: string) => void = () => undefined;

  constructor(readonly sessionId: string) {
    this.element = document.createElement('div');
    this.element.className = 'terminal-host';
    this.element.dataset.sessionId = sessionId;
    this.term = new Terminal({
      allowProposedApi: true, // unicode11 widths use the proposed unicode API
      cursorBlink: true,
      fontFamily: "'Cascadia Mono', 'DejaVu Sans Mono', 'Noto Sans Mono CJK TC', Menlo, Consolas, monospace",
      fontSize: 13,
      scrollback: 10_000,
      theme: terminalTheme(),
    });
    this.stopThemeWatch = onThemeChange(() => {
      this.term.options.theme = terminalTheme();
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(
      new WebLinksAddon((_event, uri) => {
        if (/^https?:\/\//i.test(uri)) window.open(uri, '_blank', 'noopener,noreferrer');
      }),
    );
    this.term.onData((data) => {
      if (!this.replaying) this.send(data);
    });
    this.term.onResize(({ cols, rows }) => this.scheduleResize(cols, rows));
    this.term.attachCustomKeyEventHandler((e) => this.clipboardKeys(e));
  }

  /** Moves the terminal into `parent` (the visible tab area) and keeps it fitted to it. */
  mount(parent: HTMLElement): void {
    if (this.element.parentElement !== parent) parent.appendChild(this.element);
    if (!this.opened) {
      withAdoptedStyles(document, () => this.term.open(this.element));
      this.opened = true;
    }
    this.observer?.disconnect();
    this.observer = new ResizeObserver(() => this.fitNow());
    this.observer.observe(parent);
    this.fitNow();
    this.term.focus();
  }

  unmount(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.element.remove();
  }

  write(data: string): void {
    this.term.write(data, () => this.ack(data.length));
  }

  replay(data: string): void {
    if (!data) return;
    this.replaying = true;
    this.term.write(data, () => {
      this.replaying = false;
    });
  }

  /** Puts text at the prompt as if typed (or pasted), without pressing Enter. */
  paste(text: string): void {
    if (!this.opened) {
      // xterm's paste needs its textarea; the text goes to the shell the same way (line ends as Enter keys)
      this.send(text.replace(/\r?\n/g, '\r'));
      return;
    }
    this.term.paste(text);
    this.term.focus();
  }

  /** The visible screen plus scrollback as plain text (for tests and copy-all). */
  bufferText(): string {
    const buf = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').replace(/\n+$/, '');
  }

  dispose(): void {
    this.unmount();
    this.stopThemeWatch();
    if (this.ackTimer !== null) window.clearTimeout(this.ackTimer);
    if (this.resizeTimer !== null) window.clearTimeout(this.resizeTimer);
    this.term.dispose();
  }

  private fitNow(): void {
    if (!this.element.isConnected || this.element.clientWidth === 0) return;
    try {
      this.fit.fit();
    } catch (err) {
      this.onError(userMessage(err));
    }
  }

  private send(data: string): void {
    for (let i = 0; i < data.length; i += maxInputChars) {
      api.invoke('terminal.input', { sessionId: this.sessionId, data: data.slice(i, i + maxInputChars) }).catch((err: unknown) => this.onError(userMessage(err)));
    }
  }

  /** Acks are coalesced: one call per ~16 KB written or per 20 ms, whichever comes first. */
  private ack(chars: number): void {
    this.pendingAck += chars;
    const flush = () => {
      this.ackTimer = null;
      const n = this.pendingAck;
      this.pendingAck = 0;
      if (n > 0) api.invoke('terminal.ack', { sessionId: this.sessionId, chars: n }).catch((err: unknown) => this.onError(userMessage(err)));
    };
    if (this.pendingAck >= 16_384) {
      if (this.ackTimer !== null) window.clearTimeout(this.ackTimer);
      flush();
    } else if (this.ackTimer === null) this.ackTimer = window.setTimeout(flush, 20);
  }

  private scheduleResize(cols: number, rows: number): void {
    if (this.resizeTimer !== null) window.clearTimeout(this.resizeTimer);
    this.resizeTimer = window.setTimeout(() => {
      this.resizeTimer = null;
      api.invoke('terminal.resize', { sessionId: this.sessionId, cols, rows }).catch((err: unknown) => this.onError(userMessage(err)));
    }, 60);
  }

  /** Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes; plain Ctrl+C stays an interrupt for the shell. */
  private clipboardKeys(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    const key = e.key.toLowerCase();
    if (key === 'c' && this.term.hasSelection()) {
      void navigator.clipboard.writeText(this.term.getSelection()).catch((err: unknown) => this.onError(userMessage(err)));
      return false;
    }
    if (key === 'v') {
      navigator.clipboard.readText().then(
        (text) => this.term.paste(text),
        (err: unknown) => this.onError(userMessage(err)),
      );
      return false;
    }
    return true;
  }
}
