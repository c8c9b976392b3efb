// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VmDetails } from '../../../shared/features/inventory/vm-details.schema';
import { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { defaultNS, en, namespaces } from '../../../renderer/src/i18n/resources';
import { VmSummary } from '../../../renderer/src/features/vm-details/vm-summary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The summary tab: configuration (vCPUs, memory, disks, adapters) always; measurements only while the VM is on.
const MB = 1024 * 1024;
const GB = 1024 * MB;
function row(over: Partial<VmRow>): VmRow {
  return VmRow.parse({
    hostId: 'h1', id: 'v1', name: 'VM1', state: 'Running', cpuUsage: 12, memoryAssigned: 4 * GB, memoryDemand: 3 * GB, memoryStartup: 4 * GB, dynamicMemory: true,
    processorCount: 4, uptimeSeconds: 3600, heartbeat: 'OkApplicationsHealthy', generation: 2, version: '9.0', checkpointCount: 0, replicationState: 'Disabled', notes: '',
    ipAddresses: ['10.0.0.5'],
    ...over,
  });
}
function details(over: Partial<VmDetails> = {}): VmDetails {
  return {
    hostId: 'h1', id: 'v1', name: 'VM1', state: 'Running', status: '', generation: 2, version: '9.0', uptimeSeconds: 0, cpuUsage: 0, heartbeat: null,
    integrationServicesVersion: null, creationTime: null, configurationLocation: '', snapshotFileLocation: '', path: '', replicationState: 'Disabled',
    checkpointCount: 0, checkpointType: 'Production', automaticStartAction: 'StartIfRunning', automaticStartDelay: 0, automaticStopAction: 'Save', notes: '',
    guest: { computerName: null, osName: null, osVersion: null }, processor: { count: 4, reserve: 0, maximum: 100, relativeWeight: 100 },
    memory: { dynamic: true, startup: 4 * GB, minimum: 512 * MB, maximum: 16 * GB, buffer: 20, priority: 5000, assigned: 4 * GB, demand: 3 * GB },
    hardDrives: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, path: 'D:\\VMs\\vm1.vhdx', vhdType: 'Dynamic', vhdFormat: 'VHDX', fileSize: 10 * GB, size: 60 * GB }],
    dvdDrives: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 1, path: null }],
    networkAdapters: [
      { id: 'n1', name: 'Network Adapter', switchName: 'External', macAddress: '00155D010203', dynamicMac: false, macSpoofing: false, isLegacy: false, vlanId: 42, maximumBandwidth: 100_000_000, minimumBandwidthAbsolute: null, ipAddresses: ['10.0.0.5'] },
    ],
    bootOrder: [], firmware: null, tpmEnabled: null,
    ...over,
  };
}

let host: HTMLDivElement;
let root: Root | undefined;
beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: { en }, ns: [...namespaces], defaultNS, interpolation: { escapeValue: false } });
});
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});
async function mount(r: VmRow, d: VmDetails) {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  await act(async () => root!.render(<VmSummary row={r} d={d} hostName="HV1" />));
}
const text = (id: string) => host.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;

describe('VM summary', () => {
  it('shows processors, the memory configuration, disks and adapters of a running VM', async () => {
    await mount(row({}), details());
    expect(text('details-vcpus')).toBe('4');
    expect(text('details-memory-mode')).toMatch(/^Dynamic: 512 MB to 16 GB, buffer 20 %$/);
    expect(text('details-memory-demand')).toBe('3 GB');
    expect(text('details-ips')).toBe('10.0.0.5');
    const disk = host.querySelector('[data-testid="details-disk"]')!.textContent!;
    expect(disk).toContain('SCSI 0:0');
    expect(disk).toContain('D:\\VMs\\vm1.vhdx');
    expect(disk).toContain('Dynamically expanding');
    expect(disk).toContain('10 GB');
    expect(disk).toContain('60 GB');
    const nic = host.querySelector('[data-testid="details-adapter"]')!.textContent!;
    expect(nic).toContain('External');
    expect(nic).toContain('00-15-5D-01-02-03');
    expect(nic).toContain('(static)');
    expect(nic).toContain('max 100 Mbps');
    expect(text('details-adapter-vlan')).toBe('42');
  });

  it('shows "—", never "0 byte" or "0.0", for what an off VM does not measure', async () => {
    await mount(
      row({ state: 'Off', cpuUsage: 0, memoryAssigned: 0, memoryDemand: 0, uptimeSeconds: 0, heartbeat: null, ipAddresses: [] }),
      details({ state: 'Off', memory: { ...details().memory, assigned: 0, demand: 0 } }),
    );
    expect(text('details-memory-demand')).toBe('—');
    expect(text('details-memory-assigned')).toBe('—');
    expect(text('details-cpu')).toBe('—');
    expect(text('details-ips')).toBe('—');
    // What is configured still shows.
    expect(text('details-memory-startup')).toBe('4 GB');
    expect(host.textContent).not.toMatch(/(^|[^0-9.])0 (byte|B)\b|(^|[^0-9])0\.0|(^|[^0-9])0 %/);
  });
});
