// The terminal's port for other renderer features: the dock (show/hide) and the tabs (open, paste).
export { useTerminalDock } from './terminal-dock.store';
export { useTerminalStore } from './terminal.store';
