// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../../renderer/src/api/api-error';
import { describeError, plainMessage } from '../../../renderer/src/ui/user-error';

/** Errors speak the user's language: no script prefixes, zod paths or codes in the message; detail keeps them. */
let en: TFunction;
let zh: TFunction;
beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
  const i18n = (await import('i18next')).default;
  en = i18n.getFixedT('en');
  zh = i18n.getFixedT('zh-TW');
});
const hostName = (id: string) => (id === 'h2' ? 'HV-LAB02' : undefined);

describe('describeError', () => {
  it("shows a host's refusal as the host's, without the session layer's prefix; the detail keeps it", () => {
    const err = { code: 'PS_ERROR' as const, message: "inventory/set-vm-settings on HV-LAB02: The VM 'FS1' must be off.", hostId: 'h2', user: { key: 'common:errors.hostSays', values: { message: "The VM 'FS1' must be off." } } };
    const d = describeError(en, err, hostName);
    expect(d.message).toBe("HV-LAB02 says: The VM 'FS1' must be off.");
    expect(d.detail).toContain('inventory/set-vm-settings on HV-LAB02');
    expect(d.detail).toContain('PS_ERROR');
    expect(describeError(zh, err, hostName).message).toBe("HV-LAB02 回報：The VM 'FS1' must be off.");
  });

  it('strips the script prefix from a PS_ERROR that has no user message, and names the host', () => {
    const d = describeError(en, new ApiError({ code: 'PS_ERROR', message: 'checkpoints/remove-checkpoint on HV-LAB02: Checkpoint not found', hostId: 'h2' }), hostName);
    expect(d.message).toBe('HV-LAB02 says: Checkpoint not found');
    expect(d.message).not.toMatch(/PS_ERROR|remove-checkpoint/);
  });

  it('never shows zod paths or a malformed answer as the user\'s fault', () => {
    const bad = describeError(en, { code: 'PS_ERROR', message: 'inventory/get-vm-details on HV-LAB02 returned unexpected data at vm.memory.0: expected number', hostId: 'h2' }, hostName);
    expect(bad.message).not.toMatch(/vm\.memory|expected number|get-vm-details/);
    expect(bad.message).toContain('HV-LAB02');
    expect(bad.detail).toContain('vm.memory.0');
    expect(plainMessage('processor.count: Too big: expected number to be <=240')).toBe('Too big: expected number to be <=240');
  });

  it('translates the settings rules a VALIDATION error carries, in each language', () => {
    const err = { code: 'VALIDATION' as const, message: 'needsOffProcessor', detail: [{ field: 'processor.count', key: 'needsOffProcessor' }] };
    expect(describeError(en, err).message).toBe('Turn the VM off to change the number of processors.');
    expect(describeError(zh, err).message).not.toMatch(/needsOffProcessor|Turn the VM/);
  });

  it('says a timeout, a cancel and our own bug in words, never the code', () => {
    expect(describeError(en, { code: 'TIMEOUT', message: 'inventory/vm-action on HV-LAB02 ran past its deadline and was stopped', hostId: 'h2' }, hostName).message).toBe(
      'HV-LAB02 took too long to answer; the operation was stopped.',
    );
    expect(describeError(en, { code: 'CANCELLED', message: 'x/y on H was cancelled' }).message).toBe('Cancelled.');
    const internal = describeError(en, { code: 'INTERNAL', message: 'inventory/new-vm: parameter ProcessorCount expected int' });
    expect(internal.message).not.toMatch(/INTERNAL|ProcessorCount|new-vm/);
    expect(internal.detail).toContain('ProcessorCount');
  });
});
