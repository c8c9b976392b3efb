// The hosts' port for other renderer features: the host list pane the inventory shows.
export { HostsPane } from './hosts-pane';
// The inventory's "no hosts yet" empty state opens it too.
export { AddHostDialog } from './add-host-dialog';
