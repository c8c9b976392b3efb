import type { ChannelInput } from '../../../shared/ipc/contract';

/**
 * Query keys, one per read channel: the channel name first, then its input. Invalidating the one-element
 * prefix (e.g. ['ledger.list']) drops every filter's cached answer at once.
 */
export const queryKeys = {
  hosts: ['hosts.list'] as const,
  appInfo: ['app.info'] as const,
  appProblems: ['app.problems'] as const,
  appSettings: ['app.settings'] as const,
  ledger: ['ledger.list'] as const,
  checkpointGroups: ['checkpoints.groups.list'] as const,
  ledgerList: (input: ChannelInput<'ledger.list'>) => ['ledger.list', input] as const,
  hostOverview: (hostId: string) => ['hostOverview.get', { hostId }] as const,
};
