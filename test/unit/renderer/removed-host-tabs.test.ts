import { describe, expect, it } from 'vitest';
import { tabsOfRemovedHosts } from '../../../renderer/src/features/terminal/removed-host-tabs';

describe('terminal tabs of a removed host', () => {
  const tabs = [
    { sessionId: 'a', target: { kind: 'host' as const, hostId: 'hv1' } },
    { sessionId: 'b', target: { kind: 'host' as const, hostId: 'gone' } },
    { sessionId: 'c', target: { kind: 'local' as const } },
  ];
  it('picks only the tabs on hosts that left the list', () => {
    expect(tabsOfRemovedHosts(tabs as never, new Set(['hv1'])).map((t) => t.sessionId)).toEqual(['b']);
    expect(tabsOfRemovedHosts(tabs as never, new Set(['hv1', 'gone']))).toEqual([]);
  });
});
