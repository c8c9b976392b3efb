import { describe, expect, it } from 'vitest';
import { pickerVms } from '../../../renderer/src/features/console/picker-vms';

describe('console picker list', () => {
  it('sorts by name in natural order and shows the live state over the listed one', () => {
    const listed = [
      { vmId: 'B', name: 'VM10', state: 'Off' },
      { vmId: 'a', name: 'vm2', state: 'Off' },
      { vmId: 'c', name: 'DC1', state: 'Running' },
    ];
    const live = new Map([['b', 'Running']]);
    expect(pickerVms(listed, live, 'en').map((v) => [v.name, v.state])).toEqual([
      ['DC1', 'Running'],
      ['vm2', 'Off'],
      ['VM10', 'Running'],
    ]);
  });
});
