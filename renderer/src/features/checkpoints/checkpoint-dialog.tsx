import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  testId: string;
  submitLabel: string;
  submitDisabled?: boolean;
  busy?: boolean;
  error?: string | null;
  danger?: boolean;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
}

/** A modal form: focus moves in on open, Escape closes, errors from main are shown in place. */
export function CheckpointDialog({ title, testId, submitLabel, submitDisabled, busy, error, danger, onSubmit, onClose, children }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!submitDisabled && !busy) onSubmit();
  };
  return (
    <div className="cp-dialog__backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form ref={ref} className="cp-dialog" role="dialog" aria-modal="true" aria-label={title} onSubmit={submit} data-testid={testId}>
        <h2>{title}</h2>
        <div className="cp-dialog__body">{children}</div>
        {error && (
          <p className="cp-dialog__error" role="alert" data-testid="cp-dialog-error">
            {error}
          </p>
        )}
        <div className="cp-dialog__buttons">
          <button type="button" onClick={onClose} data-testid="cp-dialog-cancel">
            {t('checkpoints.cancel')}
          </button>
          <button type="submit" className={danger ? 'button--danger' : 'button--primary'} disabled={submitDisabled || busy} data-testid="cp-dialog-submit">
            {submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
