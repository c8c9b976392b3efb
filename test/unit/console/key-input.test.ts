import { describe, expect, it } from 'vitest';
import { coalesce, keyToAction, type KeyLike } from '../../../renderer/src/features/console/key-input';

const k = (key: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('keyToAction', () => {
  it('sends printable characters as text, shifted ones included', () => {
    expect(keyToAction(k('h', 'KeyH'))).toEqual({ kind: 'text', text: 'h' });
    expect(keyToAction(k('H', 'KeyH', { shiftKey: true }))).toEqual({ kind: 'text', text: 'H' });
    expect(keyToAction(k(' ', 'Space'))).toEqual({ kind: 'text', text: ' ' });
    expect(keyToAction(k('中', ''))).toEqual({ kind: 'text', text: '中' });
  });

  it('sends special keys and chords as virtual keys with modifiers', () => {
    expect(keyToAction(k('Enter', 'Enter'))).toEqual({ kind: 'key', vk: 13, modifiers: [] });
    expect(keyToAction(k('ArrowLeft', 'ArrowLeft', { shiftKey: true }))).toEqual({ kind: 'key', vk: 37, modifiers: ['shift'] });
    expect(keyToAction(k('c', 'KeyC', { ctrlKey: true }))).toEqual({ kind: 'key', vk: 67, modifiers: ['ctrl'] });
    expect(keyToAction(k('F4', 'F4', { altKey: true }))).toEqual({ kind: 'key', vk: 115, modifiers: ['alt'] });
    expect(keyToAction(k('r', 'KeyR', { metaKey: true }))).toEqual({ kind: 'key', vk: 82, modifiers: ['win'] });
  });

  it('sends nothing for a lone modifier or an unknown key, and treats AltGr characters as text', () => {
    expect(keyToAction(k('Shift', 'ShiftLeft', { shiftKey: true }))).toBeNull();
    expect(keyToAction(k('Control', 'ControlLeft', { ctrlKey: true }))).toBeNull();
    expect(keyToAction(k('Unidentified', 'Lang1'))).toBeNull();
    expect(keyToAction(k('@', 'KeyQ', { ctrlKey: true, altKey: true }))).toEqual({ kind: 'text', text: '@' });
  });
});

describe('coalesce', () => {
  it('joins consecutive text and keeps keys in order', () => {
    expect(
      coalesce([
        { kind: 'text', text: 'he' },
        { kind: 'text', text: 'llo' },
        { kind: 'key', vk: 13, modifiers: [] },
        { kind: 'text', text: 'x' },
      ]),
    ).toEqual([{ kind: 'text', text: 'hello' }, { kind: 'key', vk: 13, modifiers: [] }, { kind: 'text', text: 'x' }]);
  });
});
