// @vitest-environment jsdom
// .tsx: it loads renderer code (DOM types), which tsconfig.node.json does not type-check.
import '../renderer/support/dom-shims';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostOverviewView as Answer } from '../../../shared/features/host-overview/host-overview.contract';
import { fakeApi } from '../renderer/support/fake-api';

// The page holds its live lease through the app's client (renderer/src/api/live.ts): a fake records what reaches main.
const leaseCalls: string[] = [];
vi.mock('../../../renderer/src/api/client', () => ({
  api: {
    invoke: (channel: string, input: { id?: string }) => {
      leaseCalls.push(`${channel} ${input.id ?? ''}`.trim());
      if (channel === 'live.hold') return new Promise(() => undefined);
      if (channel.endsWith('.lease')) return Promise.resolve({ ttlMs: 15_000, renewMs: 5_000 });
      return Promise.resolve({ released: true });
    },
    on: () => () => undefined,
    onStatus: (l: (s: string) => void) => {
      l('open');
      return () => undefined;
    },
  },
}));
// uPlot reads the pixel ratio when it loads and draws on a 2D canvas; jsdom has neither (as in time-series-chart.test.tsx).
window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined })) as unknown as typeof window.matchMedia;
const noop = new Proxy({} as Record<string | symbol, unknown>, {
  get: (target, prop) => (prop in target ? target[prop] : prop === 'measureText' ? () => ({ width: 10 }) : () => undefined),
  set: (target, prop, value) => ((target[prop] = value), true),
});
vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => noop as unknown as CanvasRenderingContext2D);
(globalThis as { Path2D?: unknown }).Path2D = class {
  constructor() {
    return new Proxy(this, { get: () => () => undefined });
  }
};
const { HostOverviewView } = await import('../../../renderer/src/features/host-overview/host-overview-view');
const { QueryLayer } = await import('../../../renderer/src/query/api-context');
const { createQueryClient } = await import('../../../renderer/src/query/query-client');

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
});
afterEach(() => {
  cleanup();
  leaseCalls.length = 0;
});

const overview: NonNullable<Answer['overview']> = {
  name: 'HV1',
  fqdn: 'hv1.contoso.local',
  os: { caption: 'Microsoft Windows Server 2022 Datacenter', version: '10.0.20348', buildNumber: '20348' },
  processors: { logical: 16, sockets: 2, cores: 8, model: 'Xeon' },
  memory: { totalBytes: 64 * 2 ** 30, freeBytes: 40 * 2 ** 30, capacityBytes: 64 * 2 ** 30 },
  storage: [{ role: 'vms', path: 'D:\\Hyper-V', volume: 'D:\\', label: null, sizeBytes: 2 ** 40, freeBytes: 2 ** 39 }],
  vms: { total: 2, byState: [{ state: 'Running', count: 1 }, { state: 'Off', count: 1 }] },
};

function mount(answer: Answer) {
  const fake = fakeApi({
    'hosts.list': () => ({ hosts: [{ id: 'h1', name: 'HV1', transport: 'lab', status: { state: 'ready' } }] }),
    'hostOverview.get': () => answer,
  });
  const view = render(
    <QueryLayer api={fake.api} client={createQueryClient()}>
      <HostOverviewView />
    </QueryLayer>,
  );
  return { fake, view };
}

describe('host overview page', () => {
  it('shows the figures, holds the host lease while shown and releases it when left', async () => {
    const { view } = mount({ hostId: 'h1', overview, fetchedAt: '2026-01-01T00:00:00.000Z', stale: false, error: null });
    expect((await screen.findByTestId('ho-logical')).textContent).toBe('16');
    expect(screen.getByTestId('ho-memory-used').textContent).toBe('24 GB');
    expect(screen.getByTestId('ho-memory-free').textContent).toBe('40 GB');
    expect(screen.getByTestId('ho-vms-total').textContent).toBe('2');
    expect(screen.queryByTestId('host-overview-stale')).toBeNull();
    await waitFor(() => expect(leaseCalls).toContain('hostOverview.lease h1'));
    view.unmount();
    expect(leaseCalls).toContain('hostOverview.release h1');
  });

  it('an unreachable host shows its reason and the last known figures marked stale', async () => {
    mount({ hostId: 'h1', overview, fetchedAt: '2026-01-01T00:00:00.000Z', stale: true, error: { code: 'HOST_UNREACHABLE', message: 'HV1 cannot be reached: connection refused', hostId: 'h1' } });
    const banner = await screen.findByTestId('host-overview-stale');
    expect(banner.textContent).toContain('Last known figures, read');
    expect(within(banner).getByTestId('host-overview-reason-message').textContent).toContain('connection refused');
    expect(screen.getByTestId('host-overview-figures').getAttribute('data-stale')).toBe('true');
    expect(screen.getByTestId('ho-logical').textContent).toBe('16');
  });

  it('a host never read says so, and shows no figures (never zeros)', async () => {
    mount({ hostId: 'h1', overview: null, fetchedAt: null, stale: true, error: { code: 'HOST_UNREACHABLE', message: 'connection refused', hostId: 'h1' } });
    expect((await screen.findByTestId('host-overview-stale')).textContent).toContain('No figures yet');
    expect(screen.queryByTestId('host-overview-figures')).toBeNull();
  });

  it('live: an Off VM shows "—" for CPU and memory, a running VM its figures, zero included; the VM counts follow the sample', async () => {
    const { fake } = mount({ hostId: 'h1', overview, fetchedAt: '2026-01-01T00:00:00.000Z', stale: false, error: null });
    await screen.findByTestId('ho-logical');
    act(() =>
      fake.emit('hostOverview.sample', {
        id: 'h1',
        at: '2026-01-01T00:00:02.000Z',
        error: null,
        sample: {
          cpuPercent: 12,
          memory: { totalBytes: 64 * 2 ** 30, freeBytes: 40 * 2 ** 30 },
          vms: [
            { id: 'a', name: 'DC1', state: 'Running', cpuUsage: 0, memoryAssigned: 4 * 2 ** 30, memoryDemand: 2 * 2 ** 30 },
            { id: 'b', name: 'TEST', state: 'Off', cpuUsage: 0, memoryAssigned: 0, memoryDemand: 0 },
            { id: 'c', name: 'WEB1', state: 'Running', cpuUsage: 7, memoryAssigned: 2 ** 30, memoryDemand: 2 ** 29 },
          ],
        },
      }),
    );
    const off = (await screen.findAllByTestId('ho-vm-row')).find((r) => r.getAttribute('data-vm-name') === 'TEST')!;
    expect(['ho-vm-cpu', 'ho-vm-assigned', 'ho-vm-demand'].map((id) => within(off).getByTestId(id).textContent)).toEqual(['—', '—', '—']);
    const on = screen.getAllByTestId('ho-vm-row').find((r) => r.getAttribute('data-vm-name') === 'DC1')!;
    expect(within(on).getByTestId('ho-vm-cpu').textContent).toBe('0%');
    expect(within(on).getByTestId('ho-vm-assigned').textContent).toBe('4 GB');
    expect(screen.getByTestId('host-overview-live').getAttribute('data-samples')).toBe('1');
    // The VM counts follow the latest sample (WEB1 was created since the page read the host).
    expect(screen.getByTestId('ho-vms-total').textContent).toBe('3');
    const running = screen.getAllByTestId('ho-vm-state').find((e) => e.getAttribute('data-state') === 'Running')!;
    expect(running.querySelector('dd')!.textContent).toBe('2');
  });
});
