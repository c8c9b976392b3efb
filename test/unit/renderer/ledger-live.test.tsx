// @vitest-environment jsdom
import './support/dom-shims';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';
import { installFakeGateway } from './support/fake-gateway';

// The ledger view over the app's real api client (WsTransport on a fake gateway socket) and query layer.
const entries: LedgerEntry[] = [];
const entry = (id: string, command: string): LedgerEntry => ({
  id, hostId: 'lab', script: 'inventory/vm-action', params: {}, command, startedAt: '2026-01-01T00:00:00Z', durationMs: 5, outcome: 'ok', warnings: [],
});
entries.push(entry('e1', "Start-VM -Name 'one'"));
const gateway = installFakeGateway({
  'hosts.list': () => ({ hosts: [{ id: 'lab', name: 'Lab', transport: 'lab', hasCredential: false, status: { state: 'ready', since: 'x' } }] }),
  'ledger.list': () => ({ entries: [...entries].reverse() }),
});

const shown = () => screen.queryAllByTestId('ledger-command').map((e) => e.textContent);

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
  const { api } = await import('../../../renderer/src/api/client');
  const { QueryLayer } = await import('../../../renderer/src/query/api-context');
  const { createQueryClient } = await import('../../../renderer/src/query/query-client');
  const { LedgerView } = await import('../../../renderer/src/features/ledger/ledger-view');
  render(
    <QueryLayer api={api} client={createQueryClient()}>
      <LedgerView />
    </QueryLayer>,
  );
});
afterAll(cleanup);

describe('ledger view', () => {
  it('shows a new entry when main signals ledger.appended', async () => {
    await waitFor(() => expect(shown()).toEqual(["Start-VM -Name 'one'"]));
    entries.push(entry('e2', "Stop-VM -Name 'two'"));
    act(() => gateway.current().event('ledger.appended', { id: 'e2', hostId: 'lab', script: 'inventory/vm-action', outcome: 'ok' }));
    await waitFor(() => expect(shown()).toEqual(["Stop-VM -Name 'two'", "Start-VM -Name 'one'"]));
  });

  it('re-reads after the gateway connection drops and comes back (entries appended meanwhile appear)', async () => {
    await waitFor(() => expect(shown()).toHaveLength(2));
    const reads = gateway.callsTo('ledger.list').length;
    act(() => gateway.drop());
    // Appended while no client was connected: no event reaches us for it.
    entries.push(entry('e3', "Checkpoint-VM -Name 'three'"));
    await waitFor(() => expect(shown()[0]).toBe("Checkpoint-VM -Name 'three'"), { timeout: 3000 });
    expect(gateway.callsTo('ledger.list').length).toBe(reads + 1);
  });
});
