// @vitest-environment jsdom
// .tsx: it loads renderer code (DOM types), which tsconfig.node.json does not type-check.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, renderHook } from '@testing-library/react';

// useLease holds its lease through the app's client: a fake records what reaches main.
const calls: string[] = [];
vi.mock('../../../renderer/src/api/client', () => ({
  api: {
    invoke: (channel: string, input: { id?: string; mode?: string }) => {
      calls.push(`${channel} ${input.id ?? ''}${input.mode ? ' ' + input.mode : ''}`.trim());
      if (channel === 'live.hold') return new Promise(() => undefined);
      if (channel.endsWith('.lease')) return Promise.resolve({ ttlMs: 30_000, renewMs: 10_000 });
      return Promise.resolve({ released: true });
    },
    on: () => () => undefined,
    onStatus: (l: (s: string) => void) => {
      l('open');
      return () => undefined;
    },
  },
}));
const { useLease } = await import('../../../renderer/src/api/live');
const ref = { lease: 'console.lease', release: 'console.release' } as const;

afterEach(() => {
  cleanup();
  calls.length = 0;
});

describe('useLease', () => {
  it('holds the lease while mounted, sends a changed mode, and releases on unmount', async () => {
    const { rerender, unmount } = renderHook(({ mode }) => useLease(ref as never, 's1', { mode, whileVisible: false }), { initialProps: { mode: 'visible' } });
    await Promise.resolve();
    rerender({ mode: 'visible' });
    rerender({ mode: 'background' });
    unmount();
    expect(calls).toEqual(['live.hold', 'console.lease s1 visible', 'console.lease s1 background', 'console.release s1']);
  });

  it('holds nothing without an id, and moves the lease when the id changes', () => {
    const { rerender } = renderHook(({ id }: { id: string | null }) => useLease(ref as never, id, { whileVisible: false }), { initialProps: { id: null as string | null } });
    expect(calls.filter((c) => c.startsWith('console.'))).toEqual([]);
    rerender({ id: 'a' });
    rerender({ id: 'b' });
    expect(calls.filter((c) => c.startsWith('console.'))).toEqual(['console.lease a', 'console.release a', 'console.lease b']);
  });
});
