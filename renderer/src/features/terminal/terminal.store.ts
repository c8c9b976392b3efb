import { create } from 'zustand';
import type { TerminalInfo, TerminalTarget, TerminalTargetOption } from '../../../../shared/features/terminal/terminal.contract';
import { api } from '../../api/client';
import { ApiError } from '../../api/api-error';
import { userMessage } from '../../ui/user-message';
import { live } from '../../api/live';
import type { TerminalController } from './terminal-controller';
import { tabsOfRemovedHosts } from './removed-host-tabs';

export interface TerminalTab {
  sessionId: string;
  title: string;
  target: TerminalTarget;
  exitCode: number | null;
}

interface TerminalState {
  tabs: TerminalTab[];
  activeId: string | null;
  targets: TerminalTargetOption[];
  error: string | null;
  /** Follows output/exit events, holds the client's presence and restores tabs after a reload; idempotent. */
  start(): void;
  loadTargets(): Promise<void>;
  open(target: TerminalTarget): Promise<string | null>;
  close(sessionId: string): Promise<void>;
  activate(sessionId: string): void;
  /**
   * Puts text on the prompt of a terminal on `hostId` (a new tab when there is none), without Enter.
   * The text depends on the tab (a remote shell needs a self-contained form), so it is asked for once the tab is known.
   */
  pasteToHost(hostId: string, textFor: (sessionId: string) => Promise<string>): Promise<boolean>;
  setError(message: string | null): void;
}

/** xterm instances live outside React state: they outlive the view and are not serialisable. */
const controllers = new Map<string, TerminalController>();
/** Output that arrived before the tab's controller existed. */
const early = new Map<string, string[]>();
const storageKey = 'hyperdesk.terminal.sessions';
let started = false;

export const controllerFor = (sessionId: string): TerminalController | undefined => controllers.get(sessionId);

function remember(tabs: TerminalTab[]): void {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(tabs.map((t) => t.sessionId)));
  } catch (err) {
    console.warn('terminal: could not remember open tabs', err);
  }
}

function remembered(): string[] {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** xterm is a large part of the bundle: it loads with the first terminal, not with the app. */
let controllerModule: Promise<typeof import('./terminal-controller')> | undefined;
const loadControllerModule = () => (controllerModule ??= import('./terminal-controller'));

/** Output arriving while xterm loads waits in `early`, then is written in order. */
async function createController(sessionId: string): Promise<TerminalController> {
  const { TerminalController } = await loadControllerModule();
  const existing = controllers.get(sessionId);
  if (existing) return existing;
  const c = new TerminalController(sessionId);
  c.onError = (m) => useTerminalStore.getState().setError(m);
  controllers.set(sessionId, c);
  for (const data of early.get(sessionId) ?? []) c.write(data);
  early.delete(sessionId);
  return c;
}

const toTab = (info: TerminalInfo): TerminalTab => ({ sessionId: info.sessionId, title: info.title, target: info.target, exitCode: info.exitCode });

export const useTerminalStore = create<TerminalState>((set, get) => {
  const setTabs = (tabs: TerminalTab[], activeId = get().activeId) => {
    remember(tabs);
    set({ tabs, activeId: activeId && tabs.some((t) => t.sessionId === activeId) ? activeId : (tabs.at(-1)?.sessionId ?? null) });
  };

  /** Takes ownership of our sessions (after a reload or a reconnect) and redraws them from main's scrollback. */
  const reattach = async (ids: string[]) => {
    const restored: TerminalTab[] = [];
    for (const sessionId of ids) {
      try {
        const { info, replay } = await api.invoke('terminal.attach', { sessionId });
        const c = controllers.get(sessionId) ?? (await createController(sessionId));
        c.term.reset();
        c.replay(replay);
        restored.push(toTab(info));
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'NOT_FOUND')) set({ error: userMessage(err) });
        controllers.get(sessionId)?.dispose();
        controllers.delete(sessionId);
      }
    }
    return restored;
  };


  return {
    tabs: [],
    activeId: null,
    targets: [],
    error: null,
    setError: (error) => set({ error }),
    start() {
      if (started) return;
      started = true;
      // Our live.hold tells main when this page is gone: our shells then wait 30 s for a terminal.attach.
      live.holdPresence();
      api.on('terminal.output', ({ sessionId, data }) => {
        const c = controllers.get(sessionId);
        if (c) c.write(data);
        else early.set(sessionId, [...(early.get(sessionId) ?? []), data]);
      });
      api.on('terminal.exit', ({ sessionId, exitCode }) => {
        set({ tabs: get().tabs.map((t) => (t.sessionId === sessionId ? { ...t, exitCode } : t)) });
      });
      // A removed host takes its terminal tabs with it (the shell is closed in main too).
      api.on('hosts.changed', () => {
        if (!get().tabs.some((t) => t.target.kind === 'host')) return;
        api.invoke('hosts.list', {}).then(
          ({ hosts }) => {
            for (const tab of tabsOfRemovedHosts(get().tabs, new Set(hosts.map((h) => h.id)))) void get().close(tab.sessionId);
          },
          (err: unknown) => console.warn('terminal: could not re-read the hosts', err),
        );
      });
      let wasOpen = false;
      api.onStatus((status) => {
        if (status !== 'open') return;
        const ids = wasOpen ? get().tabs.map((t) => t.sessionId) : remembered();
        wasOpen = true;
        if (ids.length === 0) return;
        void reattach(ids).then((restored) => setTabs(restored));
      });
    },
    async loadTargets() {
      try {
        set({ targets: await api.invoke('terminal.targets', {}) });
      } catch (err) {
        set({ error: userMessage(err) });
      }
    },
    async open(target) {
      try {
        const info = await api.invoke('terminal.open', { target, cols: 100, rows: 30 });
        await createController(info.sessionId);
        setTabs([...get().tabs, toTab(info)], info.sessionId);
        set({ error: null });
        return info.sessionId;
      } catch (err) {
        set({ error: userMessage(err) });
        return null;
      }
    },
    async close(sessionId) {
      controllers.get(sessionId)?.dispose();
      controllers.delete(sessionId);
      setTabs(get().tabs.filter((t) => t.sessionId !== sessionId));
      try {
        await api.invoke('terminal.close', { sessionId });
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'NOT_FOUND')) set({ error: userMessage(err) });
      }
    },
    activate: (activeId) => set({ activeId }),
    async pasteToHost(hostId, textFor) {
      const existing = get().tabs.find((t) => t.exitCode === null && t.target.kind === 'host' && t.target.hostId === hostId);
      const sessionId = existing?.sessionId ?? (await get().open({ kind: 'host', hostId }));
      if (!sessionId) return false;
      set({ activeId: sessionId });
      const c = controllers.get(sessionId);
      if (!c) return false;
      let text: string;
      try {
        text = await textFor(sessionId);
      } catch (err) {
        set({ error: userMessage(err) });
        return false;
      }
      if (existing) c.paste(text);
      else await pasteWhenReady(c, text);
      return true;
    },
  };
});

/** A new shell needs a moment before it reads keys: wait for its first prompt (or 20 s), then paste. */
function pasteWhenReady(c: TerminalController, text: string): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (/> ?$/m.test(c.bufferText()) || Date.now() - started > 20_000) {
        c.paste(text);
        resolve();
      } else window.setTimeout(tick, 100);
    };
    tick();
  });
}
