// @vitest-environment jsdom
import './support/dom-shims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcErrorShape } from '../../../shared/ipc/errors';
import { ApiError } from '../../../renderer/src/api/api-error';
import { QueryLayer } from '../../../renderer/src/query/api-context';
import { createQueryClient, queryClient } from '../../../renderer/src/query/query-client';
import { queryKeys } from '../../../renderer/src/query/query-keys';
import { fakeApi } from './support/fake-api';

/** What the next call through the app's global client rejects with (dialogs that use `api` directly). */
let nextError: IpcErrorShape = { code: 'INTERNAL', message: 'unset' };
vi.mock('../../../renderer/src/api/client', () => ({
  api: { invoke: () => Promise.reject(new ApiError(nextError)), on: () => () => undefined, onStatus: () => () => undefined },
}));

const { RemoveHostDialog } = await import('../../../renderer/src/features/hosts/remove-host-dialog');
const { RenameCheckpointDialog } = await import('../../../renderer/src/features/checkpoints/checkpoint-edit-dialogs');
const { LabReset } = await import('../../../renderer/src/features/settings/lab-reset');

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
  // The host list the stores and dialogs name hosts from.
  queryClient.setQueryData(queryKeys.hosts, [{ id: 'lab2', name: 'HV-LAB02' }]);
});
afterEach(cleanup);

/** A host's refusal as the session layer words it: the script's prefix before the host's own text. */
const psError: IpcErrorShape = {
  code: 'PS_ERROR',
  hostId: 'lab2',
  message: 'checkpoints/rename-checkpoint on HV-LAB02: The operation cannot be performed while the object is in use.',
};
/** A contract refusal with the zod issue path glued on. */
const zodError: IpcErrorShape = { code: 'VALIDATION', message: 'newName.value: String must contain at most 100 character(s)' };

function expectPlain(text: string | null, leaked: string[]) {
  for (const raw of leaked) expect(text).not.toContain(raw);
}

describe('errors in views read in the user language, never the script prefix, zod path or code', () => {
  it('checkpoints: a rename the host refuses says which host said what', async () => {
    nextError = psError;
    render(<RenameCheckpointDialog vm={{ hostId: 'lab2', vmId: 'v1', vmName: 'DC1' }} checkpoint={{ id: 'c1', name: 'before', parentId: null, snapshotType: 'Standard', state: 'Off', creationTime: '2026-12-03T10:00:00Z', isAutomatic: false, sizeOfSystemFiles: 0, path: null, disks: [] }} onClose={() => undefined} />);
    fireEvent.change(screen.getByTestId('cp-rename-name'), { target: { value: 'after' } });
    fireEvent.click(screen.getByTestId('cp-dialog-submit'));
    const error = await screen.findByTestId('cp-dialog-error');
    expect(error.textContent).toBe('HV-LAB02 says: The operation cannot be performed while the object is in use.');
    expectPlain(error.textContent, ['checkpoints/rename-checkpoint', 'PS_ERROR']);
  });

  it('hosts: a refusal with a zod path reads as a sentence', async () => {
    nextError = zodError;
    render(<RemoveHostDialog host={{ id: 'lab2', name: 'HV-LAB02' } as never} onClose={() => undefined} />);
    fireEvent.click(screen.getByTestId('remove-host-confirm'));
    const error = await screen.findByRole('alert');
    expect(error.textContent).toBe('This cannot be done as asked: String must contain at most 100 character(s)');
    expectPlain(error.textContent, ['newName.value', 'VALIDATION']);
  });

  it('settings: the lab reset shows a host error without its prefix', async () => {
    const fake = fakeApi({
      'app.resetLab': () => {
        throw new ApiError({ ...psError, message: 'app/reset-lab on HV-LAB02: Access is denied.' });
      },
    });
    render(
      <QueryLayer api={fake.api} client={createQueryClient()}>
        <LabReset command="npm run lab -- reset" />
      </QueryLayer>,
    );
    fireEvent.click(screen.getByTestId('settings-reset-lab'));
    fireEvent.click(screen.getByTestId('settings-reset-lab-submit'));
    await waitFor(() => expect(screen.getByTestId('settings-reset-lab-error').textContent).toBe('HV-LAB02 says: Access is denied.'));
  });
});
