// The consoles' port for other renderer features: open (or focus) a VM's console tab.
export { useConsolesStore } from './consoles.store';
