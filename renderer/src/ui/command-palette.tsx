import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fuzzyFilter } from './fuzzy';
import './overlays.css';

export interface Command {
  id: string;
  /** What is matched and shown. */
  label: string;
  /** A small kind label before it (VM, Host, Action). */
  kind: string;
  /** Shown on the right (the VM's host, a shortcut). */
  hint?: string;
  disabled?: boolean;
  /** Why it is disabled, shown in place of the hint. */
  reason?: string;
  run(): void;
}

/**
 * A command palette (Ctrl+K): type to find (fuzzy), arrows to move, Enter to run, Escape to close. Keyboard
 * only, on the native <dialog> (focus trap, top layer). The caller builds the commands; this only finds them.
 */
export function CommandPalette({ commands, label, placeholder, emptyText, onClose }: { commands: readonly Command[]; label: string; placeholder: string; emptyText: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = useMemo(() => fuzzyFilter(query, commands, (c) => `${c.label} ${c.hint ?? ''}`), [query, commands]);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    listRef.current?.querySelector(`#palette-item-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (c: Command | undefined) => {
    if (!c || c.disabled) return;
    onClose();
    c.run();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const n = found.length;
    let to: number | null = null;
    if (e.key === 'ArrowDown') to = active + 1;
    else if (e.key === 'ArrowUp') to = active - 1;
    else if (e.key === 'Home' && e.ctrlKey) to = 0;
    else if (e.key === 'End' && e.ctrlKey) to = n - 1;
    else if (e.key === 'Enter') {
      e.preventDefault();
      run(found[active]);
      return;
    }
    if (to === null || n === 0) return;
    e.preventDefault();
    setActive(((to % n) + n) % n);
  };

  return (
    <dialog ref={ref} className="palette" aria-label={label} onCancel={(e) => (e.preventDefault(), onClose())} onClick={(e) => e.target === ref.current && onClose()} data-testid="command-palette">
      <input
        className="palette__input"
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-autocomplete="list"
        aria-activedescendant={found.length ? `palette-item-${active}` : undefined}
        aria-label={label}
        placeholder={placeholder}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="palette-input"
      />
      {found.length === 0 ? (
        <p className="palette__empty">{emptyText}</p>
      ) : (
        <ul ref={listRef} id="palette-list" role="listbox" className="palette__list" aria-label={label}>
          {found.map((c, i) => (
            <li
              key={c.id}
              id={`palette-item-${i}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={c.disabled || undefined}
              className="palette__item"
              onMouseMove={() => setActive(i)}
              onClick={() => run(c)}
              data-testid="palette-item"
              data-command={c.id}
            >
              <span className="palette__kind">{c.kind}</span>
              <span>{c.label}</span>
              <span className="palette__hint">{c.disabled ? c.reason : c.hint}</span>
            </li>
          ))}
        </ul>
      )}
    </dialog>
  );
}
