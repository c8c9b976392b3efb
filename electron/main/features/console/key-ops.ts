import type { z } from 'zod';
import type { KeyAction, ModifierKey } from '../../../../shared/features/console/console.contract';

/** As the handler receives it (defaults may be absent in the type). */
export type KeyActionInput = z.input<typeof KeyAction>;

/** What send-console-keys.ps1 executes (Msvm_Keyboard calls), in order. */
export type KeyOp = { op: 'text'; s: string } | { op: 'key'; vk: number; mods: number[] } | { op: 'cad' };

/** Left-hand modifier VKs; Hyper-V maps 16/17/18 to these anyway, and the Windows key has no generic code. */
const modifierVk: Record<ModifierKey, number> = { ctrl: 17, alt: 18, shift: 16, win: 91 };
const VK_SHIFT = 16;
const VK_RETURN = 13;
const VK_TAB = 9;
/** TypeText takes at most 512 ASCII characters (fewer for Unicode): longer text is split. */
const TYPE_TEXT_MAX_ASCII = 512;
const TYPE_TEXT_MAX_UNICODE = 256;

/** US layout: character → [VK, needs shift]. Used to type per key for guests that ignore TypeText. */
const usKeys = new Map<string, [number, boolean]>();
for (let c = 0; c < 26; c++) {
  usKeys.set(String.fromCharCode(97 + c), [65 + c, false]);
  usKeys.set(String.fromCharCode(65 + c), [65 + c, true]);
}
'0123456789'.split('').forEach((d, i) => usKeys.set(d, [48 + i, false]));
')!@#$%^&*('.split('').forEach((d, i) => usKeys.set(d, [48 + i, true]));
for (const [plain, shifted, vk] of [
  [' ', ' ', 32],
  [';', ':', 186],
  ['=', '+', 187],
  [',', '<', 188],
  ['-', '_', 189],
  ['.', '>', 190],
  ['/', '?', 191],
  ['`', '~', 192],
  ['[', '{', 219],
  ['\\', '|', 220],
  [']', '}', 221],
  ["'", '"', 222],
] as const) {
  usKeys.set(plain, [vk, false]);
  if (shifted !== plain) usKeys.set(shifted, [vk, true]);
}

export function isTypeable(ch: string, unicodeSupported: boolean, perKey: boolean): boolean {
  if (ch === '\n' || ch === '\t') return true;
  if (perKey) return usKeys.has(ch);
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x20 && code <= 0x7e) return true;
  return unicodeSupported && code > 0x7f;
}

export interface KeyPlan {
  ops: KeyOp[];
  /** Characters (deduplicated) that cannot be sent to this guest; shown to the user. */
  notSent: string[];
}

/**
 * Turns the renderer's actions into keyboard calls. Newlines and tabs become Enter/Tab key presses (TypeText's
 * handling of control characters is not documented); characters the keyboard cannot type are left out and
 * reported instead of silently dropped.
 */
export function planKeys(actions: readonly KeyActionInput[], opts: { unicodeSupported: boolean; perKey: boolean }): KeyPlan {
  const ops: KeyOp[] = [];
  const notSent = new Set<string>();
  const max = opts.unicodeSupported ? TYPE_TEXT_MAX_UNICODE : TYPE_TEXT_MAX_ASCII;
  for (const action of actions) {
    if (action.kind === 'ctrlAltDel') ops.push({ op: 'cad' });
    else if (action.kind === 'key') {
      const mods = [...new Set(action.modifiers ?? [])].map((m) => modifierVk[m]);
      ops.push({ op: 'key', vk: action.vk, mods });
    } else {
      let run = '';
      const flush = () => {
        if (run) ops.push({ op: 'text', s: run });
        run = '';
      };
      for (const ch of action.text.replace(/\r\n?/g, '\n')) {
        if (!isTypeable(ch, opts.unicodeSupported, opts.perKey)) {
          notSent.add(ch);
          continue;
        }
        if (ch === '\n' || ch === '\t') {
          flush();
          ops.push({ op: 'key', vk: ch === '\n' ? VK_RETURN : VK_TAB, mods: [] });
        } else if (opts.perKey) {
          const [vk, shift] = usKeys.get(ch)!;
          ops.push({ op: 'key', vk, mods: shift ? [VK_SHIFT] : [] });
        } else {
          run += ch;
          if (run.length >= max) flush();
        }
      }
      flush();
    }
  }
  return { ops, notSent: [...notSent] };
}
