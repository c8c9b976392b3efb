import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './ui.css';

/**
 * The app's one modal dialog, on the native <dialog> element: showModal() gives the focus trap, the top layer
 * and Escape (which we route to onClose, so the caller's state decides whether it is open).
 */
export function Dialog({ title, onClose, children, testId, wide }: { title: string; onClose(): void; children: ReactNode; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} className={`dialog hd-controls${wide ? ' dialog--wide' : ''}`} onCancel={(e) => (e.preventDefault(), onClose())} aria-label={title} data-testid={testId}>
      <h2 className="dialog__title">{title}</h2>
      {children}
    </dialog>
  );
}

/** A dialog's button row: the dialog's own buttons first, Cancel always last (the same order in every dialog). */
export function DialogActions({ onCancel, children, cancelTestId }: { onCancel(): void; children: ReactNode; cancelTestId?: string }) {
  const { t } = useTranslation('common');
  return (
    <div className="dialog__actions">
      {children}
      <button type="button" onClick={onCancel} data-testid={cancelTestId}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

interface FormDialogProps {
  title: string;
  testId: string;
  submitLabel: string;
  submitDisabled?: boolean;
  busy?: boolean;
  /** Main's refusal, shown in place so the user can change the input and try again. */
  error?: string | null;
  danger?: boolean;
  /** Names the submit, cancel and error test ids `<prefix>-submit` etc. (the e2e page objects use them). */
  testIdPrefix?: string;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
}

/** A Dialog holding one form: Enter submits, the error shows above the buttons, Cancel last. */
export function FormDialog({ title, testId, submitLabel, submitDisabled, busy, error, danger, testIdPrefix = 'dialog', onSubmit, onClose, children }: FormDialogProps) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!submitDisabled && !busy) onSubmit();
  };
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form onSubmit={submit}>
        <div className="dialog__body">{children}</div>
        {error && (
          <p className="dialog__error" role="alert" data-testid={`${testIdPrefix}-error`}>
            {error}
          </p>
        )}
        <DialogActions onCancel={onClose} cancelTestId={`${testIdPrefix}-cancel`}>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={submitDisabled || busy} data-testid={`${testIdPrefix}-submit`}>
            {submitLabel}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
