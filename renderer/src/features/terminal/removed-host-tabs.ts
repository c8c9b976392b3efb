import type { TerminalTarget } from '../../../../shared/features/terminal/terminal.contract';

/** The tabs whose host is no longer in the host list: a shell on a removed host has nothing left to stand for. */
export function tabsOfRemovedHosts<T extends { sessionId: string; target: TerminalTarget }>(tabs: readonly T[], hostIds: ReadonlySet<string>): T[] {
  return tabs.filter((t) => t.target.kind === 'host' && !hostIds.has(t.target.hostId));
}
