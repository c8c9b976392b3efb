import { useEffect, useRef, type KeyboardEvent } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  disabled?: boolean;
  /** Why it is disabled: the item's tooltip (the grid's actions follow the VM's state, with the reason). */
  reason?: string;
  danger?: boolean;
  /** A separator above the item. */
  separated?: boolean;
  testId?: string;
  onSelect(): void;
}

/** Where a menu opens: the pointer for a right-click, the focused row for Shift+F10 / the ContextMenu key. */
export interface MenuPoint {
  x: number;
  y: number;
}

interface Props {
  at: MenuPoint;
  items: readonly MenuItem[];
  /** The menu's accessible name, e.g. "Actions for “Before AD upgrade”". */
  label: string;
  onClose(): void;
  testId?: string;
}

/** True for the keys that open a context menu from the keyboard: the ContextMenu (Apps) key and Shift+F10. */
export function isContextMenuKey(e: { key: string; shiftKey: boolean }): boolean {
  return e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey);
}

/**
 * A context menu with the WAI-ARIA menu pattern: role=menu, focus moves into it on open, arrow keys / Home / End
 * move between enabled items, Enter or Space acts, Escape or Tab closes (the caller puts focus back where it
 * was). A click outside closes it. One component for every right-click menu of the app (checkpoints, grid rows).
 */
export function ContextMenu({ at, items, label, onClose, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const enabled = items.filter((i) => !i.disabled);

  const focusItem = (id: string | undefined) => {
    if (!id) return;
    const items = ref.current ? [...ref.current.querySelectorAll<HTMLElement>('[data-item]')] : [];
    items.find((el) => el.dataset.item === id)?.focus();
  };

  useEffect(() => {
    focusItem(enabled[0]?.id);
    const outside = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
    // Focus once on open; the items do not change while the menu is up.
  }, []);

  const act = (item: MenuItem) => {
    if (item.disabled) return;
    onClose();
    item.onSelect();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = enabled.findIndex((i) => i.id === (document.activeElement as HTMLElement | null)?.dataset.item);
    const go = (i: number) => focusItem(enabled[(i + enabled.length) % enabled.length]?.id);
    switch (e.key) {
      case 'ArrowDown':
        go(current + 1);
        break;
      case 'ArrowUp':
        go(current <= 0 ? enabled.length - 1 : current - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(enabled.length - 1);
        break;
      case 'Escape':
      case 'Tab':
        onClose();
        break;
      case 'Enter':
      case ' ': {
        const item = enabled[current];
        if (item) act(item);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      className="hd-menu"
      role="menu"
      aria-label={label}
      style={{ position: 'fixed', left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
      data-testid={testId}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`hd-menu__item${item.danger ? ' hd-menu__item--danger' : ''}${item.separated ? ' hd-menu__item--separated' : ''}`}
          title={item.disabled ? item.reason : undefined}
          data-testid={item.testId}
          aria-disabled={item.disabled || undefined}
          disabled={item.disabled}
          data-item={item.id}
          onClick={() => act(item)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
