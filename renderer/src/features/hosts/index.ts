// The hosts' port for other renderer features: the host list pane the inventory shows.
export { HostsPane } from './hosts-pane';
// The inventory's "no hosts yet" empty state opens it too.
export { AddHostDialog } from './add-host-dialog';
// P2V's remote SSH source: the same host-key trust step before its first connection.
export { useHostKeyGate, type SshEndpoint } from './host-key-gate';
