import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = () => void;

// Electron's main-process Notification and BrowserWindow, as far as the notifications use them (hoisted: vi.mock runs first).
const { FakeNotification, shown, windows } = vi.hoisted(() => {
  const shown: Array<InstanceType<typeof FakeNotification>> = [];
  class FakeNotification {
    static supported = true;
    static isSupported() {
      return FakeNotification.supported;
    }
    readonly listeners = new Map<string, Listener>();
    constructor(readonly options: { title: string; body: string }) {}
    on(event: string, l: Listener) {
      this.listeners.set(event, l);
      return this;
    }
    show() {
      shown.push(this);
    }
  }
  const windows = { focused: null as object | null, lang: 'en' as unknown };
  return { FakeNotification, shown, windows };
});

vi.mock('electron', () => ({
  Notification: FakeNotification,
  BrowserWindow: {
    getFocusedWindow: () => windows.focused,
    getAllWindows: () => [{ webContents: { executeJavaScript: () => Promise.resolve(windows.lang) } }],
  },
}));

import { startTaskNotifications } from '../../../electron/main/desktop/desktop-notifier';
import { windowLanguage } from '../../../electron/main/desktop/task-notice-text';
import { ManualClock } from '../../support/manual-clock';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';

function task(over: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: 't1',
    titleKey: 'checkpoints:task.create',
    titleValues: { name: 'before-patch', vm: 'web-01' },
    kind: 'checkpoint.create',
    status: 'succeeded',
    cancellable: false,
    startedAt: '2026-12-03T09:00:00.000Z',
    endedAt: '2026-12-03T09:00:12.000Z',
    durationMs: 12_000,
    ledgerIds: [],
    items: [],
    ...over,
  };
}

/** The notification is built after the window's language is read (a promise): let that settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('desktop task notifications', () => {
  let bus: EventBus;
  let focusApp: ReturnType<typeof vi.fn<() => void>>;

  beforeEach(() => {
    shown.length = 0;
    windows.focused = null;
    windows.lang = 'en';
    FakeNotification.supported = true;
    bus = new EventBus();
    focusApp = vi.fn<() => void>();
    startTaskNotifications(bus, focusApp);
  });

  it('shows one notification titled with the task title when a task finishes while the window is not focused', async () => {
    bus.emit('tasks.updated', task({ status: 'running', endedAt: undefined, durationMs: undefined }));
    bus.emit('tasks.updated', task());
    await settle();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options.title).toBe('Checkpoint “before-patch” of web-01');
    expect(shown[0]!.options.body).toBe('Succeeded');
  });

  it('shows none while a Hyperdesk window has the focus', async () => {
    windows.focused = {};
    bus.emit('tasks.updated', task());
    bus.emit('tasks.updated', task({ id: 't2', status: 'failed', error: { code: 'PS_ERROR', message: 'boom' } }));
    await settle();
    expect(shown).toHaveLength(0);
  });

  it('says how a failed task failed, and stays quiet for a cancelled one (the admin cancelled it)', async () => {
    bus.emit('tasks.updated', task({ status: 'failed', error: { code: 'PS_ERROR', message: 'Get-VM on lab returned unexpected data' } }));
    bus.emit('tasks.updated', task({ id: 't2', status: 'cancelled' }));
    await settle();
    expect(shown.map((n) => n.options.body)).toEqual(['Failed: Get-VM on lab returned unexpected data']);
  });

  it('brings the window forward when the notification is clicked', async () => {
    bus.emit('tasks.updated', task());
    await settle();
    expect(focusApp).not.toHaveBeenCalled();
    shown[0]!.listeners.get('click')!();
    expect(focusApp).toHaveBeenCalledTimes(1);
  });

  it('speaks the language the window shows', async () => {
    windows.lang = 'zh-TW';
    bus.emit('tasks.updated', task());
    await settle();
    expect(shown[0]!.options.title).toBe('為 web-01 建立檢查點「before-patch」');
    expect(shown[0]!.options.body).toBe('成功');
  });

  it('shows nothing where the OS has no notifications', async () => {
    FakeNotification.supported = false;
    bus.emit('tasks.updated', task());
    await settle();
    expect(shown).toHaveLength(0);
  });
});

describe('windowLanguage', () => {
  it('reads the language the page shows, and falls back to English when the page does not answer within a second', async () => {
    expect(await windowLanguage({ executeJavaScript: () => Promise.resolve('zh-TW') })).toBe('zh-TW');
    expect(await windowLanguage(undefined)).toBe('en');
    expect(await windowLanguage({ executeJavaScript: () => Promise.reject(new Error('page gone')) })).toBe('en');
    const clock = new ManualClock();
    let answer: string | undefined;
    void windowLanguage({ executeJavaScript: () => new Promise(() => undefined) }, clock).then((l) => (answer = l));
    clock.advance(999);
    await settle();
    expect(answer).toBeUndefined();
    clock.advance(1);
    await settle();
    expect(answer).toBe('en');
  });
});
