import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal dialog on the native <dialog> element (focus trap, Esc and backdrop handled by the browser). */
export function Dialog({ title, onClose, children, testId, wide }: { title: string; onClose(): void; children: ReactNode; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} className={`dialog${wide ? ' dialog--wide' : ''}`} onCancel={(e) => (e.preventDefault(), onClose())} aria-label={title} data-testid={testId}>
      <h2 className="dialog__title">{title}</h2>
      {children}
    </dialog>
  );
}

/** A dialog's button row: the dialog's own buttons, then Cancel (which closes it). */
export function DialogActions({ onCancel, children }: { onCancel(): void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="dialog__actions">
      {children}
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
