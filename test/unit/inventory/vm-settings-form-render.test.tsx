// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bridgeGlobalName, type HyperdeskBridge } from '../../../shared/ipc/bridge';
import type { VmDetails } from '../../../shared/features/inventory/vm-details.schema';
import { defaultNS, en, namespaces } from '../../../renderer/src/i18n/resources';
import '../renderer/support/dom-shims';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The settings editor's TPM and boot-order controls, rendered against a fake bridge that records calls.
const calls: Array<{ channel: string; input: unknown }> = [];
const bridge: HyperdeskBridge = {
  invoke: (_id, channel, input) => {
    calls.push({ channel, input });
    if (channel === 'vms.hostOptions') {
      return Promise.resolve({ ok: true, value: { hostId: 'h1', switches: [], virtualMachinePath: '', virtualHardDiskPath: '', logicalProcessorCount: 8, memoryCapacity: 2 ** 34, secureBootTemplates: ['MicrosoftWindows'] } });
    }
    return Promise.resolve({ ok: false, error: { code: 'PS_ERROR', message: 'recorded by the test' } });
  },
  cancel: () => undefined,
  onEvent: () => () => undefined,
};
(window as unknown as Record<string, HyperdeskBridge>)[bridgeGlobalName] = bridge;

const MB = 1024 * 1024;
function vm(over: Partial<VmDetails>): VmDetails {
  return {
    hostId: 'h1', id: 'v1', name: 'VM1', state: 'Off', status: '', generation: 2, version: '9.0', uptimeSeconds: 0, cpuUsage: 0, heartbeat: null,
    integrationServicesVersion: null, creationTime: null, configurationLocation: '', snapshotFileLocation: '', path: '', replicationState: 'Disabled',
    checkpointCount: 0, checkpointType: 'Production', automaticStartAction: 'StartIfRunning', automaticStartDelay: 0, automaticStopAction: 'Save', notes: '',
    guest: { computerName: null, osName: null, osVersion: null }, processor: { count: 2, reserve: 0, maximum: 100, relativeWeight: 100 },
    memory: { dynamic: false, startup: 2048 * MB, minimum: 512 * MB, maximum: 1048576 * MB, buffer: 20, priority: 5000, assigned: 0, demand: 0 },
    hardDrives: [], dvdDrives: [], networkAdapters: [],
    bootOrder: [{ kind: 'VHD', description: 'EFI SCSI Device' }], firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' }, tpmEnabled: false,
    ...over,
  };
}

let host: HTMLDivElement;
let root: Root | undefined;
let VmSettingsForm: typeof import('../../../renderer/src/features/vm-details/vm-settings-form').VmSettingsForm;
let QueryLayer: typeof import('../../../renderer/src/query/api-context').QueryLayer;
let createQueryClient: typeof import('../../../renderer/src/query/query-client').createQueryClient;
let api: typeof import('../../../renderer/src/api/client').api;
beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: { en }, ns: [...namespaces], defaultNS, interpolation: { escapeValue: false } });
  // Imported after the fake bridge is in place: the api client picks its transport from window.
  ({ VmSettingsForm } = await import('../../../renderer/src/features/vm-details/vm-settings-form'));
  // The form reads the host list through the query layer (host names in errors): the same fake bridge behind it.
  ({ QueryLayer } = await import('../../../renderer/src/query/api-context'));
  ({ createQueryClient } = await import('../../../renderer/src/query/query-client'));
  ({ api } = await import('../../../renderer/src/api/client'));
});
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  calls.length = 0;
});

async function mount(details: VmDetails) {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  await act(async () =>
    root!.render(
      <QueryLayer api={api} client={createQueryClient()}>
        <VmSettingsForm details={details} onSaved={() => undefined} />
      </QueryLayer>,
    ),
  );
}
function tpmBox(): HTMLInputElement {
  const label = [...host.querySelectorAll('label')].find((l) => l.textContent?.includes(en.vmDetails.vmSettings.tpm));
  if (!label) throw new Error('no TPM control');
  return label.querySelector('input')!;
}
const saveButton = () => host.querySelector<HTMLButtonElement>('[data-testid="settings-save"]')!;
async function save() {
  await act(async () => saveButton().click());
  return calls.find((c) => c.channel === 'vms.updateSettings')?.input as { change: Record<string, unknown> } | undefined;
}

describe('settings editor: TPM and boot order', () => {
  it('offers the TPM toggle when the host reports the state, and sends only the TPM change', async () => {
    await mount(vm({ tpmEnabled: false }));
    const box = tpmBox();
    expect(box.disabled).toBe(false);
    expect(box.checked).toBe(false);
    expect(host.textContent).not.toContain(en.vmDetails.vmSettings.unknown);
    expect(saveButton().disabled).toBe(true);
    await act(async () => box.click());
    expect(tpmBox().checked).toBe(true);
    expect((await save())?.change).toEqual({ tpm: true });
  });

  it('keeps the TPM toggle disabled, marked unknown, when the host cannot tell', async () => {
    await mount(vm({ tpmEnabled: null }));
    expect(tpmBox().disabled).toBe(true);
    expect(host.textContent).toContain(en.vmDetails.vmSettings.unknown);
  });

  it('lists the Gen 1 startup order as read and sends the reordered list', async () => {
    const order = ['CD', 'IDE', 'LegacyNetworkAdapter', 'Floppy'];
    await mount(vm({ generation: 1, firmware: null, tpmEnabled: null, bootOrder: order.map((k) => ({ kind: k, description: k })) }));
    const items = () => [...host.querySelectorAll('ol.boot-order li')];
    expect(items().map((li) => li.textContent?.replace('↑', '').trim())).toEqual(order.map((k) => (en.common.bootDevice as Record<string, string>)[k] ?? k));
    expect(host.textContent).not.toContain(en.vmDetails.vmSettings.tpm);
    await act(async () => items()[1]!.querySelector('button')!.click()); // IDE up
    expect((await save())?.change).toEqual({ bootOrder: ['IDE', 'CD', 'LegacyNetworkAdapter', 'Floppy'] });
  });
});

const GB = 1024 * MB;
const nic = { id: 'n1', name: 'Network Adapter', switchName: 'External', macAddress: '00155D000001', dynamicMac: true, macSpoofing: false, isLegacy: false, vlanId: 0, maximumBandwidth: null, minimumBandwidthAbsolute: null, ipAddresses: [] };
const disk = { controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, path: '/vms/os.vhdx', vhdType: 'Dynamic', vhdFormat: 'VHDX', fileSize: GB, size: 40 * GB };
const byTestId = <T extends Element = HTMLElement>(id: string) => host.querySelector<T & HTMLElement>(`[data-testid="${id}"]`);
function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('settings editor: disks and adapters', () => {
  it('refuses a VLAN ID outside 1-4094 next to the field and holds the save; a valid one is sent by adapter Id', async () => {
    await mount(vm({ networkAdapters: [nic] }));
    await act(async () => byTestId<HTMLInputElement>('set-vlan-enabled')!.click());
    await act(async () => type(byTestId<HTMLInputElement>('set-vlan-id')!, '4095'));
    expect(byTestId('set-vlan-error')?.textContent).toContain('4,094');
    expect(saveButton().disabled).toBe(true);
    await act(async () => type(byTestId<HTMLInputElement>('set-vlan-id')!, '42'));
    expect(byTestId('set-vlan-error')).toBeNull();
    expect((await save())?.change).toEqual({ networkAdapters: [{ id: 'n1', vlanId: 42 }] });
  });

  it('shows a multicast MAC as the problem next to it', async () => {
    await mount(vm({ networkAdapters: [nic] }));
    await act(async () => byTestId<HTMLInputElement>('set-mac-static')!.click());
    await act(async () => type(byTestId<HTMLInputElement>('set-mac-value')!, '01-00-5E-00-00-01'));
    const block = byTestId('set-adapter-n1')!;
    expect(block.textContent).toContain(en.common.validation.macMulticast);
    expect(saveButton().disabled).toBe(true);
  });

  it('deletes a disk file only after its own confirmation', async () => {
    await mount(vm({ hardDrives: [disk] }));
    await act(async () => byTestId<HTMLButtonElement>('set-disk-delete')!.click());
    // Nothing is chosen until the confirmation says yes.
    expect(byTestId('set-disk-delete-dialog')?.textContent).toContain('/vms/os.vhdx');
    await act(async () => byTestId<HTMLButtonElement>('set-disk-delete-confirm')!.click());
    expect((await save())?.change).toEqual({ removeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, deleteFile: true }] });
  });
});
