// @vitest-environment jsdom
import './support/dom-shims';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcErrorShape } from '../../../shared/ipc/errors';
import { rowKey, type VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { ApiError } from '../../../renderer/src/api/api-error';

/** main's refusals as the contract carries them: the limit's user message (inventory-prefs.document.ts). */
const refusals: Record<string, IpcErrorShape> = {
  'inventory.setTags': { code: 'VALIDATION', message: 'At most 32 tags per VM', user: { key: 'inventory:limits.tagsPerVm', values: { max: 32 } } },
  'inventory.saveView': { code: 'VALIDATION', message: 'At most 100 saved views', user: { key: 'inventory:limits.viewsMax', values: { max: 100 } } },
};
vi.mock('../../../renderer/src/api/client', () => ({
  api: {
    invoke: (channel: string) => (refusals[channel] ? Promise.reject(new ApiError(refusals[channel])) : Promise.resolve({})),
    on: () => () => undefined,
    onStatus: () => () => undefined,
  },
}));
const { useInventoryStore } = await import('../../../renderer/src/stores/inventory.store');
const { BulkBar } = await import('../../../renderer/src/features/inventory/bulk-bar');
const { InventoryToolbar } = await import('../../../renderer/src/features/inventory/inventory-toolbar');
const { changeLanguage, setupI18n } = await import('../../../renderer/src/i18n/i18n');

const vm: VmRow = {
  hostId: 'h1', id: '8e3c6a52-1111-4c3b-9a10-5a4e1c2b0001', name: 'WEB1', state: 'Running', status: '', cpuUsage: 0, memoryAssigned: 0, memoryDemand: 0, memoryStartup: 2 ** 30,
  dynamicMemory: false, processorCount: 2, uptimeSeconds: 0, heartbeat: null, generation: 2, version: '10.0', checkpointCount: 0, replicationState: 'Disabled', notes: '', ipAddresses: [],
};

beforeAll(async () => {
  await setupI18n();
  useInventoryStore.setState({ rows: [vm], selection: new Set([rowKey(vm)]) });
});
afterEach(async () => {
  cleanup();
  await changeLanguage('en');
});

describe('a prefs limit main refuses is shown next to its field, in the user language', () => {
  it('the tag editor: the per-VM tag limit beside the tag field, which keeps what was typed', async () => {
    render(<BulkBar />);
    fireEvent.change(screen.getByTestId('tag-input'), { target: { value: 'one-more' } });
    fireEvent.click(screen.getByTestId('tag-add'));
    const error = await screen.findByTestId('tag-error');
    expect(error.textContent).toBe('A VM can have at most 32 tags: remove one first.');
    expect(screen.getByTestId('tag-input').getAttribute('aria-describedby')).toBe('tag-error');
    expect((screen.getByTestId('tag-input') as HTMLInputElement).value).toBe('one-more');
  });

  it('the save-view form: the saved-views limit beside the name field, in zh-TW too', async () => {
    await changeLanguage('zh-TW');
    render(<InventoryToolbar shown={1} total={1} onNewVm={() => undefined} />);
    fireEvent.click(screen.getByTestId('save-view'));
    fireEvent.change(screen.getByTestId('view-name'), { target: { value: 'Prod' } });
    fireEvent.submit(screen.getByTestId('view-name').closest('form')!);
    const error = await screen.findByTestId('view-name-error');
    expect(error.textContent).toBe('最多只能儲存 100 個檢視：請先刪除一個。');
    expect(screen.getByTestId('view-name').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByTestId('view-name') as HTMLInputElement).value).toBe('Prod');
  });
});
