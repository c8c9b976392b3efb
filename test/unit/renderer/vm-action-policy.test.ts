import { describe, expect, it } from 'vitest';
import { actionAvailability, isActive, planBulk } from '../../../renderer/src/features/inventory/vm-action-policy';

describe('actionAvailability', () => {
  it('refuses Start on a running VM, saying it already runs', () => {
    expect(actionAvailability('start', { state: 'Running' })).toEqual({ allowed: false, reason: 'alreadyRunning' });
    expect(actionAvailability('start', { state: 'RunningCritical' })).toEqual({ allowed: false, reason: 'alreadyRunning' });
  });

  it('allows Start from Off and Saved, and sends a paused VM to Resume', () => {
    expect(actionAvailability('start', { state: 'Off' }).allowed).toBe(true);
    expect(actionAvailability('start', { state: 'Saved' }).allowed).toBe(true);
    expect(actionAvailability('start', { state: 'Paused' })).toEqual({ allowed: false, reason: 'isPaused' });
    expect(actionAvailability('resume', { state: 'Paused' }).allowed).toBe(true);
    expect(actionAvailability('resume', { state: 'Running' })).toEqual({ allowed: false, reason: 'notPaused' });
  });

  it('turns off anything that is not off, and only that', () => {
    for (const state of ['Running', 'Paused', 'Saved', 'Starting']) expect(actionAvailability('turnoff', { state }).allowed).toBe(true);
    expect(actionAvailability('turnoff', { state: 'Off' })).toEqual({ allowed: false, reason: 'alreadyOff' });
  });

  it('shuts down only what runs (the guest\'s answer is the host\'s to judge)', () => {
    expect(actionAvailability('shutdown', { state: 'Running' }).allowed).toBe(true);
    expect(actionAvailability('shutdown', { state: 'Off' })).toEqual({ allowed: false, reason: 'alreadyOff' });
    expect(actionAvailability('shutdown', { state: 'Saved' })).toEqual({ allowed: false, reason: 'isSaved' });
    expect(actionAvailability('shutdown', { state: 'Paused' })).toEqual({ allowed: false, reason: 'isPaused' });
  });

  it('makes a VM in transition wait, except for turning it off', () => {
    for (const action of ['start', 'shutdown', 'save', 'suspend', 'restart', 'checkpoint'] as const) {
      expect(actionAvailability(action, { state: 'Stopping' })).toEqual({ allowed: false, reason: 'busy' });
    }
  });

  it('lets delete through in every state (a running VM is turned off first, after asking)', () => {
    expect(actionAvailability('delete', { state: 'Running' }).allowed).toBe(true);
    expect(isActive('Running')).toBe(true);
    expect(isActive('Paused')).toBe(true);
    expect(isActive('Saved')).toBe(false);
    expect(isActive('Off')).toBe(false);
  });
});

describe('planBulk', () => {
  it('skips the VMs already in the target state and groups them by reason', () => {
    const vms = [
      { name: 'DC1', state: 'Running' },
      { name: 'FS1', state: 'Off' },
      { name: 'LNX1', state: 'Off' },
      { name: 'WEB1', state: 'Paused' },
    ];
    const plan = planBulk('turnoff', vms);
    expect(plan.apply.map((v) => v.name)).toEqual(['DC1', 'WEB1']);
    expect([...plan.skipped.entries()].map(([r, list]) => [r, list.map((v) => v.name)])).toEqual([['alreadyOff', ['FS1', 'LNX1']]]);

    const start = planBulk('start', vms);
    expect(start.apply.map((v) => v.name)).toEqual(['FS1', 'LNX1']);
    expect([...start.skipped.keys()]).toEqual(['alreadyRunning', 'isPaused']);
  });
});
