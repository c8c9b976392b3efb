import { describe, expect, it } from 'vitest';
import { memoryMbRange, outOfRange, processorRange } from '../../../shared/features/inventory/host-limits';

/** Out-of-range values are refused in the form with the host's limits ("1 to 12 on this host"). */
describe('host limits', () => {
  const host = { logicalProcessorCount: 12, memoryCapacity: 64 * 1024 ** 3 };
  it('a VM gets at most the host\'s logical processors (and Hyper-V\'s cap per generation)', () => {
    expect(processorRange(host)).toEqual({ min: 1, max: 12 });
    expect(processorRange({ logicalProcessorCount: 320 }, 1)).toEqual({ min: 1, max: 64 });
    expect(processorRange({ logicalProcessorCount: 320 }, 2)).toEqual({ min: 1, max: 240 });
    expect(outOfRange(64, processorRange(host))).toEqual({ min: 1, max: 12 });
    expect(outOfRange(0, processorRange(host))).toEqual({ min: 1, max: 12 });
    expect(outOfRange(2.5, processorRange(host))).toEqual({ min: 1, max: 12 });
    expect(outOfRange(12, processorRange(host))).toBeNull();
  });
  it('startup memory is 32 MB to what the host has; unknown limits refuse nothing', () => {
    expect(memoryMbRange(host)).toEqual({ min: 32, max: 65536 });
    expect(outOfRange(70000, memoryMbRange(host))).toEqual({ min: 32, max: 65536 });
    expect(outOfRange(16, memoryMbRange(host))).not.toBeNull();
    expect(outOfRange(64, processorRange(null))).toBeNull();
  });
});
