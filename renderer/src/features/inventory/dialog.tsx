import { useEffect, useRef, type ReactNode } from 'react';

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
