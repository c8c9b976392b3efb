// @vitest-environment jsdom
import './support/dom-shims';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostView } from '../../../shared/features/hosts/hosts.contract';
import { QueryLayer } from '../../../renderer/src/query/api-context';
import { useHosts } from '../../../renderer/src/query/hosts';
import { COALESCE_MS, onReconnect } from '../../../renderer/src/query/invalidation';
import { createQueryClient } from '../../../renderer/src/query/query-client';
import { fakeApi } from './support/fake-api';

const host = (id: string, name: string): HostView => ({ id, name, transport: 'lab', hasCredential: false, status: { state: 'ready', since: '2026-01-01T00:00:00Z' } });

/** A view that shows the host list through the one hosts query. */
function HostNames() {
  const { hosts } = useHosts();
  return <p data-testid="names">{hosts.map((h) => h.name).join(',')}</p>;
}

function setup() {
  let hosts = [host('h1', 'alpha')];
  const fake = fakeApi({ 'hosts.list': () => ({ hosts }) });
  render(
    <QueryLayer api={fake.api} client={createQueryClient()}>
      <HostNames />
    </QueryLayer>,
  );
  return { ...fake, setHosts: (next: HostView[]) => (hosts = next) };
}

const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

afterEach(cleanup);

describe('query bridge', () => {
  it('hosts.changed invalidates the hosts query and the view re-reads', async () => {
    const f = setup();
    await waitFor(() => expect(screen.getByTestId('names').textContent).toBe('alpha'));
    expect(f.callsTo('hosts.list')).toHaveLength(1);
    f.setHosts([host('h1', 'alpha'), host('h2', 'beta')]);
    act(() => f.emit('hosts.changed', {}));
    await waitFor(() => expect(screen.getByTestId('names').textContent).toBe('alpha,beta'));
    expect(f.callsTo('hosts.list')).toHaveLength(2);
  });

  it('an event the table does not map to the query leaves the cached read alone', async () => {
    const f = setup();
    await waitFor(() => expect(screen.getByTestId('names').textContent).toBe('alpha'));
    act(() => f.emit('inventory.prefsChanged', {}));
    await wait(COALESCE_MS * 2);
    expect(f.callsTo('hosts.list')).toHaveLength(1);
  });

  it('a burst of events re-reads once', async () => {
    const f = setup();
    await waitFor(() => expect(f.callsTo('hosts.list')).toHaveLength(1));
    act(() => {
      for (let i = 0; i < 16; i++) f.emit('host.state', { hostId: 'h1', status: { state: 'ready', since: 'x' } });
    });
    await wait(COALESCE_MS * 3);
    expect(f.callsTo('hosts.list')).toHaveLength(2);
  });

  it('a reconnect re-reads and tells the onReconnect listeners; the first open does not', async () => {
    let reconnects = 0;
    const off = onReconnect(() => reconnects++);
    try {
      const f = setup();
      await waitFor(() => expect(screen.getByTestId('names').textContent).toBe('alpha'));
      expect(reconnects).toBe(0);
      f.setHosts([host('h1', 'alpha after restart')]);
      act(() => f.setStatus('reconnecting'));
      act(() => f.setStatus('open'));
      await waitFor(() => expect(screen.getByTestId('names').textContent).toBe('alpha after restart'));
      expect(reconnects).toBe(1);
      expect(f.callsTo('hosts.list')).toHaveLength(2);
    } finally {
      off();
    }
  });
});
