import type { KeyAction, ModifierKey } from '../../../../shared/features/console/console.contract';

/** The fields of a KeyboardEvent the mapping needs (tests pass plain objects). */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** Windows virtual-key codes by KeyboardEvent.code, for keys that are not plain text. */
const vkByCode: Record<string, number> = {
  Backspace: 8, Tab: 9, Enter: 13, NumpadEnter: 13, Pause: 19, CapsLock: 20, Escape: 27, Space: 32,
  PageUp: 33, PageDown: 34, End: 35, Home: 36, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40,
  PrintScreen: 44, Insert: 45, Delete: 46, ContextMenu: 93,
  Semicolon: 186, Equal: 187, Comma: 188, Minus: 189, Period: 190, Slash: 191, Backquote: 192,
  BracketLeft: 219, Backslash: 220, BracketRight: 221, Quote: 222,
  NumpadMultiply: 106, NumpadAdd: 107, NumpadSubtract: 109, NumpadDecimal: 110, NumpadDivide: 111,
};
for (let i = 0; i < 26; i++) vkByCode[`Key${String.fromCharCode(65 + i)}`] = 65 + i;
for (let i = 0; i < 10; i++) {
  vkByCode[`Digit${i}`] = 48 + i;
  vkByCode[`Numpad${i}`] = 96 + i;
}
for (let i = 1; i <= 12; i++) vkByCode[`F${i}`] = 111 + i;

const modifierKeys = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'OS']);

/**
 * One keydown → what to send: printable characters as text (typed by the guest's keyboard), everything else
 * (Enter, arrows, F-keys, Ctrl/Alt/Win combinations) as a virtual key with its modifiers. A lone modifier
 * press sends nothing: it travels with the key it modifies, and is always released after it.
 */
export function keyToAction(e: KeyLike): KeyAction | null {
  if (modifierKeys.has(e.key)) return null;
  // AltGr arrives as Ctrl+Alt with a printable key: that is text on layouts that use it.
  const altGr = e.ctrlKey && e.altKey && e.key.length === 1 && !/^[a-z0-9]$/i.test(e.key);
  const chord = (e.ctrlKey || e.altKey || e.metaKey) && !altGr;
  if (!chord && [...e.key].length === 1) return { kind: 'text', text: e.key };
  const vk = vkByCode[e.code];
  if (vk === undefined) return null;
  const modifiers: ModifierKey[] = [];
  if (e.ctrlKey && !altGr) modifiers.push('ctrl');
  if (e.altKey && !altGr) modifiers.push('alt');
  if (e.shiftKey) modifiers.push('shift');
  if (e.metaKey) modifiers.push('win');
  return { kind: 'key', vk, modifiers };
}

/** Coalesces consecutive text actions so a typed word is one TypeText call, order preserved. */
export function coalesce(actions: readonly KeyAction[]): KeyAction[] {
  const out: KeyAction[] = [];
  for (const a of actions) {
    const last = out[out.length - 1];
    if (a.kind === 'text' && last?.kind === 'text' && last.text.length + a.text.length <= 4096) {
      out[out.length - 1] = { kind: 'text', text: last.text + a.text };
    } else out.push(a);
  }
  return out;
}
