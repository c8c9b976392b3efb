import { describe, expect, it } from 'vitest';
import { defaultColumnLayout } from '../../../shared/features/inventory/inventory-prefs.schema';
import { chooserList, columnsIn, gridMinWidth, moveColumn, moveColumnBefore, resizeColumn, toggleColumn } from '../../../renderer/src/features/inventory/grid-columns';

describe('grid column layout', () => {
  it('shows the default columns, IP addresses among them, and fits them in the width a 1600 px window leaves', () => {
    const shown = columnsIn(defaultColumnLayout()).map((c) => c.key);
    expect(shown).toContain('ipAddresses');
    expect(shown).not.toContain('version');
    // 1600 px less the navigation (210), the hosts pane (200), gaps and padding leave 1128 px (measured, e2e);
    // a vertical scrollbar (many VMs) takes up to 17 of them.
    expect(gridMinWidth(columnsIn(defaultColumnLayout()))).toBeLessThanOrEqual(1128 - 17);
  });

  it('hides and shows a column, never the name', () => {
    const hidden = toggleColumn(defaultColumnLayout(), 'host');
    expect(columnsIn(hidden).map((c) => c.key)).not.toContain('host');
    expect(columnsIn(toggleColumn(hidden, 'host')).map((c) => c.key)).toContain('host');
    expect(toggleColumn(defaultColumnLayout(), 'name')).toEqual(defaultColumnLayout());
    expect(columnsIn({ order: [], hidden: ['name'], widths: {} })[0]!.key).toBe('name');
  });

  it('moves a column by steps and before another, and keeps the chooser in the same order', () => {
    const moved = moveColumn(defaultColumnLayout(), 'state', -2);
    expect(columnsIn(moved).slice(0, 3).map((c) => c.key)).toEqual(['state', 'name', 'host']);
    const dropped = moveColumnBefore(defaultColumnLayout(), 'notes', 'host');
    expect(columnsIn(dropped).slice(0, 3).map((c) => c.key)).toEqual(['name', 'notes', 'host']);
    expect(chooserList(dropped).slice(0, 3).map((c) => c.column.key)).toEqual(['name', 'notes', 'host']);
  });

  it('clamps a resized width and uses it', () => {
    const wide = resizeColumn(defaultColumnLayout(), 'name', 5000);
    expect(columnsIn(wide)[0]!.px).toBe(1200);
    expect(columnsIn(resizeColumn(defaultColumnLayout(), 'host', 3)).find((c) => c.key === 'host')!.px).toBe(40);
  });

  it('places a column the saved order does not list (added later) at its default place after the listed ones', () => {
    const old = { order: ['notes', 'name'] as ('notes' | 'name')[], hidden: [], widths: {} };
    const keys = columnsIn(old).map((c) => c.key);
    expect(keys.slice(0, 3)).toEqual(['notes', 'name', 'host']);
    expect(keys).toContain('ipAddresses');
    expect(new Set(keys).size).toBe(keys.length);
  });
});
