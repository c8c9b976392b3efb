import { create } from 'zustand';
import { clampDockHeight, defaultDockHeight as defaultHeight, minDockHeight } from './dock-height';

/** The bottom terminal dock: shown or hidden from any view, and its height (remembered across reloads). */
interface DockState {
  open: boolean;
  height: number;
  show(): void;
  hide(): void;
  toggle(): void;
  setHeight(px: number): void;
}

const heightKey = 'hyperdesk.terminal.dockHeight';
function savedHeight(): number {
  try {
    const n = Number(localStorage.getItem(heightKey));
    return Number.isFinite(n) && n >= minDockHeight ? n : defaultHeight;
  } catch {
    return defaultHeight; // storage refused (privacy mode): the default is fine
  }
}

export const useTerminalDock = create<DockState>((set, get) => ({
  open: false,
  height: savedHeight(),
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
  toggle: () => set({ open: !get().open }),
  setHeight(px) {
    const height = clampDockHeight(px, window.innerHeight);
    set({ height });
    try {
      localStorage.setItem(heightKey, String(height));
    } catch (err) {
      console.warn('terminal: could not remember the dock height', err);
    }
  },
}));
