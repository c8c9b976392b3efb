import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TerminalService } from '../../../electron/main/features/terminal/terminal.service';
import type { ShellLauncher } from '../../../electron/main/features/terminal/shell-launch';
import { refusingPtySpawner } from '../../../electron/main/features/terminal/pty-spawner';
import { AppError } from '../../../shared/ipc/errors';
import { fakeSpawner } from './fake-pty';
import { ManualClock } from '../../support/manual-clock';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const launch: ShellLauncher = async () => ({ file: 'pwsh', args: ['-NoLogo'], env: {}, cwd: '/', title: 'PowerShell' });
const size = { cols: 80, rows: 24 };

function setup(over: Partial<ConstructorParameters<typeof TerminalService>[0]> = {}) {
  const { spawn, spawned } = fakeSpawner();
  const out: Array<{ to: string; sessionId: string; data: string }> = [];
  const exits: Array<{ to: string; sessionId: string; code: number }> = [];
  let n = 0;
  const svc = new TerminalService({
    spawn,
    launch,
    sink: { output: (to, sessionId, data) => out.push({ to, sessionId, data }), exit: (to, sessionId, code) => exits.push({ to, sessionId, code }) },
    log: quiet,
    newId: () => `session-${++n}`,
    ...over,
  });
  return { svc, spawned, out, exits };
}

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return err instanceof AppError ? err.code : 'not-an-AppError';
  }
  return 'no-error';
}

describe('TerminalService', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refuses to start a shell when no spawner is wired', async () => {
    const { svc } = setup({ spawn: refusingPtySpawner });
    await expect(svc.open('c1', { kind: 'local' }, size)).rejects.toThrow(/refusing/);
  });

  it('sends batched output only to the owning client', async () => {
    const { svc, spawned, out } = setup();
    const a = await svc.open('client-a', { kind: 'local' }, size);
    const b = await svc.open('client-b', { kind: 'local' }, size);
    spawned[0]!.emit(Buffer.from('hello '));
    spawned[0]!.emit(Buffer.from('world'));
    spawned[1]!.emit('for b');
    vi.advanceTimersByTime(16);
    expect(out).toEqual([
      { to: 'client-a', sessionId: a.sessionId, data: 'hello world' },
      { to: 'client-b', sessionId: b.sessionId, data: 'for b' },
    ]);
  });

  it('lets only the owner type, resize, ack or close', async () => {
    const { svc, spawned } = setup();
    const a = await svc.open('client-a', { kind: 'local' }, size);
    expect(await code(() => svc.input('client-b', a.sessionId, 'Remove-VM *\r'))).toBe('NOT_FOUND');
    expect(await code(() => svc.resize('client-b', a.sessionId, 100, 30))).toBe('NOT_FOUND');
    expect(await code(() => svc.close('client-b', a.sessionId))).toBe('NOT_FOUND');
    expect(svc.list('client-b')).toEqual([]);
    svc.input('client-a', a.sessionId, 'Get-VM');
    svc.resize('client-a', a.sessionId, 120, 40);
    expect(spawned[0]!.written).toEqual(['Get-VM']);
    expect(spawned[0]!.sizes).toEqual([[120, 40]]);
    expect(spawned[0]!.killed).toBe(false);
  });

  it('caps live sessions; an exited shell frees its slot', async () => {
    const { svc, spawned } = setup({ maxSessions: 3 });
    for (let i = 0; i < 3; i++) await svc.open('c', { kind: 'local' }, size);
    expect(await code(svc.open('c', { kind: 'local' }, size))).toBe('CONFLICT');
    expect(spawned).toHaveLength(3);
    spawned[1]!.exit(0);
    await svc.open('c', { kind: 'local' }, size);
    expect(spawned).toHaveLength(4);
  });

  it('pauses a shell whose client does not ack and resumes it when the client catches up', async () => {
    const { svc, spawned } = setup();
    const a = await svc.open('c', { kind: 'local' }, size);
    const pty = spawned[0]!;
    for (let i = 0; i < 12; i++) {
      pty.emit('x'.repeat(10_000));
      vi.advanceTimersByTime(16);
    }
    expect(pty.paused).toBe(true);
    expect(svc.isPaused(a.sessionId)).toBe(true);
    svc.ack('c', a.sessionId, 100_000);
    expect(pty.paused).toBe(true); // 20,000 still unacknowledged: above the low-water mark
    svc.ack('c', a.sessionId, 16_000);
    expect(pty.paused).toBe(false);
    expect(pty.pauses).toBe(1);
    expect(pty.resumes).toBe(1);
  });

  it('replays the scrollback to a client that re-attaches, and hands ownership over', async () => {
    const clock = new ManualClock(); // the reattach grace runs on the service's Clock; output batches on real (faked) timers
    const { svc, spawned, out } = setup({ clock });
    const a = await svc.open('old-tab', { kind: 'local' }, size);
    spawned[0]!.emit('PS> Get-VM\r\nDC01\r\n');
    vi.advanceTimersByTime(16);
    svc.clientGone('old-tab');
    spawned[0]!.emit('while away\r\n');
    vi.advanceTimersByTime(16);
    expect(out.filter((o) => o.data.includes('away'))).toEqual([]);
    expect(svc.list('new-tab').map((s) => s.sessionId)).toEqual([a.sessionId]); // detached sessions are listed
    const { replay } = svc.attach('new-tab', a.sessionId);
    expect(replay).toBe('PS> Get-VM\r\nDC01\r\nwhile away\r\n');
    spawned[0]!.emit('after');
    vi.advanceTimersByTime(16);
    expect(out.at(-1)).toEqual({ to: 'new-tab', sessionId: a.sessionId, data: 'after' });
    expect(await code(() => svc.input('old-tab', a.sessionId, 'x'))).toBe('NOT_FOUND');
    clock.advance(60_000);
    expect(clock.pending).toBe(0);
    expect(spawned[0]!.killed).toBe(false); // re-attached in time: the grace timer was cancelled
  });

  it('kills the shells of a client that does not come back within the grace period', async () => {
    const clock = new ManualClock();
    const { svc, spawned } = setup({ reattachGraceMs: 5_000, clock });
    const a = await svc.open('gone', { kind: 'local' }, size);
    await svc.open('stays', { kind: 'local' }, size);
    svc.clientGone('gone');
    clock.advance(4_999);
    expect(spawned[0]!.killed).toBe(false);
    clock.advance(1);
    expect(spawned[0]!.killed).toBe(true);
    expect(spawned[1]!.killed).toBe(false);
    expect(await code(() => svc.attach('gone', a.sessionId))).toBe('NOT_FOUND');
  });

  it('kills every shell on dispose and refuses new ones', async () => {
    const { svc, spawned } = setup();
    await svc.open('a', { kind: 'local' }, size);
    await svc.open('b', { kind: 'local' }, size);
    svc.dispose();
    expect(spawned.every((p) => p.killed)).toBe(true);
    expect(await code(svc.open('a', { kind: 'local' }, size))).toBe('CONFLICT');
  });

  it('tells the owner when its shell exits, after the last output', async () => {
    const { svc, spawned, out, exits } = setup();
    const a = await svc.open('c', { kind: 'local' }, size);
    spawned[0]!.emit(Buffer.from([0xe4, 0xb8])); // first two bytes of 中
    spawned[0]!.emit(Buffer.from([0xad]));
    spawned[0]!.exit(3);
    expect(out.map((o) => o.data).join('')).toBe('中');
    expect(exits).toEqual([{ to: 'c', sessionId: a.sessionId, code: 3 }]);
    expect(svc.list('c')[0]!.exitCode).toBe(3);
  });
});
