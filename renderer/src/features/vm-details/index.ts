// The VM details' port for other renderer features: the panel beside the inventory grid.
export { VmDetailsPanel } from './vm-details-panel';
