// The inventory's port for other renderer features (lint: hyperdesk/renderer-feature-boundaries): its store
// (the grid's VM cache, the selection), the locale-aware formatters and the read that survives a reconnect.
export { useInventoryStore } from '../../stores/inventory.store';
export { formatBytes, formatDateTime, formatDuration, formatMs, formatNumber, formatPercent } from './format';
export { readWithReconnect } from './read-retry';
// VM actions as the grid asks for them (state rule, confirmations, DC rule), for the details panel.
export { useActionFlow } from './vm-action-flow';
export { actionState } from './vm-action-text';
export { VmActionButtons } from './vm-action-buttons';
// The app-wide Ctrl+K command palette and `?` shortcut list (the shell mounts it once).
export { GlobalCommands } from './global-commands';
// The hosts pane's right-click menu of a host.
export { useHostMenu } from './host-menu';
