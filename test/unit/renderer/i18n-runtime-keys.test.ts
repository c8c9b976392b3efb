// @vitest-environment jsdom
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../../renderer/src/i18n/i18n';
import { translateRuntimeKey } from '../../../renderer/src/i18n/keys';

beforeAll(() => setupI18n());

describe('keys the main process sends', () => {
  it('resolve in their namespace in every language, with their values', async () => {
    await changeLanguage('en');
    expect(translateRuntimeKey(i18next.t, 'inventory:taskTitle.start', { name: 'web01' })).toBe('Start web01');
    expect(translateRuntimeKey(i18next.t, 'checkpoints:task.remove', { name: 'before patch', vm: 'web01' })).toContain('before patch');
    expect(translateRuntimeKey(i18next.t, 'p2v:note.stuck')).toBe(i18next.t('p2v:note.stuck'));
    await changeLanguage('zh-TW');
    const zh = translateRuntimeKey(i18next.t, 'inventory:taskTitle.start', { name: 'web01' });
    expect(zh).toContain('web01');
    expect(zh).not.toBe('Start web01');
    await changeLanguage('en');
  });

  it('fall back to the given default when a key is unknown, instead of showing the key', () => {
    expect(translateRuntimeKey(i18next.t, 'inventory:taskTitle.noSuchAction', { defaultValue: 'vm.noSuchAction' })).toBe('vm.noSuchAction');
  });

  it('need their namespace: the old dotted form is not found', () => {
    expect(translateRuntimeKey(i18next.t, 'taskTitle.start', { name: 'web01' })).toBe('taskTitle.start');
  });
});
