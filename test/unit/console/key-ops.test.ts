import { describe, expect, it } from 'vitest';
import { planKeys } from '../../../electron/main/features/console/key-ops';

describe('planKeys', () => {
  it('types printable ASCII with TypeText and turns newlines into Enter', () => {
    const plan = planKeys([{ kind: 'text', text: 'hello\r\nworld' }], { unicodeSupported: false, perKey: false });
    expect(plan.ops).toEqual([
      { op: 'text', s: 'hello' },
      { op: 'key', vk: 13, mods: [] },
      { op: 'text', s: 'world' },
    ]);
    expect(plan.notSent).toEqual([]);
  });

  it('reports what cannot be sent instead of dropping it silently', () => {
    const plan = planKeys([{ kind: 'text', text: 'a中b€' }], { unicodeSupported: false, perKey: false });
    expect(plan.ops).toEqual([{ op: 'text', s: 'ab' }]);
    expect(plan.notSent).toEqual(['中', '€']);
    const unicode = planKeys([{ kind: 'text', text: 'a中' }], { unicodeSupported: true, perKey: false });
    expect(unicode.ops).toEqual([{ op: 'text', s: 'a中' }]);
  });

  it('types per key with shift on a US layout for guests that ignore TypeText', () => {
    const plan = planKeys([{ kind: 'text', text: 'aB!' }], { unicodeSupported: true, perKey: true });
    expect(plan.ops).toEqual([
      { op: 'key', vk: 65, mods: [] },
      { op: 'key', vk: 66, mods: [16] },
      { op: 'key', vk: 49, mods: [16] },
    ]);
    expect(planKeys([{ kind: 'text', text: 'é' }], { unicodeSupported: true, perKey: true }).notSent).toEqual(['é']);
  });

  it('splits long text at the TypeText limit', () => {
    const plan = planKeys([{ kind: 'text', text: 'x'.repeat(1100) }], { unicodeSupported: false, perKey: false });
    expect(plan.ops.map((o) => (o.op === 'text' ? o.s.length : -1))).toEqual([512, 512, 76]);
  });

  it('maps combos to modifier VKs (deduplicated) and keeps Ctrl+Alt+Del as its own call', () => {
    const plan = planKeys(
      [
        { kind: 'key', vk: 67, modifiers: ['ctrl', 'ctrl', 'shift'] },
        { kind: 'ctrlAltDel' },
        { kind: 'key', vk: 82, modifiers: ['win'] },
      ],
      { unicodeSupported: false, perKey: false },
    );
    expect(plan.ops).toEqual([{ op: 'key', vk: 67, mods: [17, 16] }, { op: 'cad' }, { op: 'key', vk: 82, mods: [91] }]);
  });
});
