// @vitest-environment jsdom
import './support/dom-shims';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeGlobalName, type HyperdeskBridge } from '../../../shared/ipc/bridge';
import type { CheckpointInfo } from '../../../shared/features/checkpoints/checkpoint-schemas';
import { Dialog, DialogActions, FormDialog } from '../../../renderer/src/ui/dialog';
import { RenameCheckpointDialog } from '../../../renderer/src/features/checkpoints/checkpoint-edit-dialogs';
import { RemoveHostDialog } from '../../../renderer/src/features/hosts/remove-host-dialog';
import { setupI18n } from '../../../renderer/src/i18n/i18n';

const bridge: HyperdeskBridge = {
  invoke: () => Promise.resolve({ ok: false, error: { code: 'PS_ERROR', message: 'Refused by the test' } }),
  cancel: () => undefined,
  onEvent: () => () => undefined,
};
(window as unknown as Record<string, HyperdeskBridge>)[bridgeGlobalName] = bridge;

beforeAll(() => setupI18n());
afterEach(cleanup);

/** The visible labels of a dialog's buttons, in document order. */
const buttonLabels = (dialog: HTMLElement) => [...dialog.querySelectorAll('button')].map((b) => b.textContent);

describe('Dialog', () => {
  it('opens modal, puts its own buttons first and Cancel last, and Cancel closes', () => {
    const onClose = vi.fn();
    render(
      <Dialog title="Title" onClose={onClose} testId="d">
        <DialogActions onCancel={onClose}>
          <button type="button">Test</button>
          <button type="button">Save</button>
        </DialogActions>
      </Dialog>,
    );
    const dialog = screen.getByTestId('d');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(buttonLabels(dialog)).toEqual(['Test', 'Save', 'Cancel']);
    fireEvent.click(screen.getByText('Cancel'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('FormDialog: submit before Cancel, test ids from the prefix, Escape closes', () => {
    const onClose = vi.fn();
    const onSubmit = vi.fn();
    render(
      <FormDialog title="Form" testId="f" submitLabel="Go" testIdPrefix="x" error="Refused" onSubmit={onSubmit} onClose={onClose}>
        <input />
      </FormDialog>,
    );
    const dialog = screen.getByTestId('f');
    expect(buttonLabels(dialog)).toEqual(['Go', 'Cancel']);
    expect(screen.getByTestId('x-error').textContent).toBe('Refused');
    fireEvent.click(screen.getByTestId('x-submit'));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('feature dialogs share the order', () => {
  const checkpoint = { id: 'c1', name: 'before-patch' } as CheckpointInfo;
  it('a checkpoint dialog (Cancel used to come first) ends with Cancel and keeps its cp-dialog test ids', () => {
    render(<RenameCheckpointDialog vm={{ hostId: 'lab', vmId: 'v1', vmName: 'VM1' }} checkpoint={checkpoint} onClose={() => undefined} />);
    const dialog = screen.getByTestId('cp-rename-dialog');
    expect(dialog.tagName).toBe('DIALOG');
    const buttons = [...dialog.querySelectorAll('button')];
    expect(buttons.map((b) => b.dataset.testid)).toEqual(['cp-dialog-submit', 'cp-dialog-cancel']);
  });

  it('a host dialog ends with Cancel too', () => {
    render(<RemoveHostDialog host={{ id: 'h1', name: 'hv1', transport: 'winrm', hasCredential: false, status: { state: 'ready', since: 'x' } }} onClose={() => undefined} />);
    const buttons = [...screen.getByTestId('remove-host-dialog').querySelectorAll('button')];
    expect(buttons.at(-1)!.textContent).toBe('Cancel');
    expect(buttons[0]!.dataset.testid).toBe('remove-host-confirm');
  });
});
