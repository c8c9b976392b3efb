// The host overview's port for other renderer features: open the page on a host, and the hosts pane's button for it.
export { openHostOverview } from './host-overview.store';
export { HostOverviewButton } from './host-overview-button';
