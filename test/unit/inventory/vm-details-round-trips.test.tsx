// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bridgeGlobalName, type HyperdeskBridge } from '../../../shared/ipc/bridge';
import type { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { vm } from './fakes';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The details panel's share of a VM start: main answers the action with the VM's row (one round trip) and the
// store gets it; the panel must not read the host again for a state change.
const calls: string[] = [];
const bridge: HyperdeskBridge = {
  invoke: (_id, channel) => {
    calls.push(channel);
    return Promise.resolve({ ok: false, error: { code: 'PS_ERROR', message: 'not needed by this test' } });
  },
  cancel: () => undefined,
  onEvent: () => () => undefined,
};
(window as unknown as Record<string, HyperdeskBridge>)[bridgeGlobalName] = bridge;

let host: HTMLDivElement;
let root: Root | undefined;
let VmDetailsPanel: typeof import('../../../renderer/src/features/vm-details/vm-details-panel').VmDetailsPanel;
let useInventoryStore: typeof import('../../../renderer/src/stores/inventory.store').useInventoryStore;
beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: {} }, interpolation: { escapeValue: false } });
  // Imported after the fake bridge is in place: the api client picks its transport from window.
  ({ VmDetailsPanel } = await import('../../../renderer/src/features/vm-details/vm-details-panel'));
  ({ useInventoryStore } = await import('../../../renderer/src/stores/inventory.store'));
});
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  calls.length = 0;
});

const row = (over: Record<string, unknown>): VmRow => ({ ...vm('v1', over), hostId: 'h1' }) as VmRow;

describe('VM details panel round trips', () => {
  it('reads the details once; a state change from the action answer or the poll reads nothing more', async () => {
    act(() => useInventoryStore.setState({ rows: [row({ state: 'Off' })] }));
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
    await act(async () => root!.render(<VmDetailsPanel vmKeyValue="h1/v1" onDelete={() => undefined} />));
    expect(calls.filter((c) => c === 'vms.details')).toHaveLength(1);
    await act(async () => useInventoryStore.setState({ rows: [row({ state: 'Running', uptimeSeconds: 3 })] }));
    expect(host.querySelector('[data-testid="details-state"]')?.textContent).toContain('Running');
    expect(calls.filter((c) => c === 'vms.details')).toHaveLength(1);
  });
});
