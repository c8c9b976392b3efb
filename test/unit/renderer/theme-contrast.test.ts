import { describe, expect, it } from 'vitest';
import { themeVariables } from './support/theme-css';

type Rgba = [number, number, number, number];

/** #rgb, #rgba, #rrggbb, #rrggbbaa or rgb()/rgba() with 0-255 channels: the forms app.css uses. */
function parseColour(value: string): Rgba {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(value);
  if (hex) {
    let h = hex[1]!;
    if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
    if (h.length !== 6 && h.length !== 8) throw new Error(`not a colour: ${value}`);
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), h.length === 8 ? n(6) / 255 : 1];
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(value);
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3]), fn[4] === undefined ? 1 : Number(fn[4])];
  throw new Error(`not a colour: ${value}`);
}

/** A translucent colour painted over an opaque one. */
function over([r, g, b, a]: Rgba, [br, bg, bb]: Rgba): Rgba {
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a), 1];
}

/** WCAG 2.x relative luminance. */
function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function ratio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Text colour → the backgrounds it is drawn on, as the feature CSS files pair them. A translucent background
 * (the console overlay, over any VM picture) is checked over both white and black.
 */
const pairs: [text: string, background: string, where: string][] = [
  ['--text', '--bg', 'page text'],
  ['--text', '--panel', 'panels, dialogs, grid'],
  ['--text', '--accent-soft', 'selected rows, running tasks, active tabs'],
  ['--text', '--row-hover', 'hovered grid row'],
  ['--text', '--neutral-soft', 'state badge (off), task status'],
  ['--text', '--warn', 'warning notes and banners'],
  ['--text', '--error', 'failed task, error banner'],
  ['--muted', '--bg', 'secondary text on the page'],
  ['--muted', '--panel', 'secondary text in panels'],
  ['--muted', '--neutral-soft', 'p2v commands, kbd hints'],
  ['--accent', '--panel', 'links, memory checkpoint icon'],
  ['--accent', '--bg', 'links on the page'],
  ['--on-accent', '--accent', 'primary buttons, menu hover'],
  ['--bar-text', '--bar', 'top bar'],
  ['--bar-text', '--bar-raised', 'top bar badge, pressed toggle'],
  ['--bar-text', '--bar-warn', 'browser-mode badge'],
  ['--warn-text', '--warn', 'stale/cancelled badges, cached-host badge'],
  ['--warn-text', '--panel', 'ledger and PowerShell warnings'],
  ['--warn-text', '--bg', 'p2v warnings'],
  ['--error-text', '--error', 'failed task status, changed host key'],
  ['--danger', '--panel', 'errors next to a field, danger buttons'],
  ['--danger', '--bg', 'errors on the page'],
  ['--on-danger-fill', '--danger-fill', 'danger button, unseen-failure count'],
  ['--success-text', '--success-soft', 'running state, succeeded task'],
  ['--success-text', '--panel', 'ok text, ledger outcome'],
  ['--info-text', '--info-soft', 'info banner, other states'],
  ['--chip-text', '--chip', 'tag chips'],
  ['--code-text', '--code-bg', 'PowerShell view, runbooks'],
  ['--terminal-fg', '--terminal-bg', 'terminal'],
  ['--overlay-text', '--overlay-bg', 'console stats overlay'],
];

const white: Rgba = [255, 255, 255, 1];
const black: Rgba = [0, 0, 0, 1];

describe('theme colours', () => {
  const themes = themeVariables();

  for (const [name, vars] of Object.entries(themes)) {
    describe(name, () => {
      const colour = (v: string): Rgba => {
        const value = vars.get(v);
        if (value === undefined) throw new Error(`${v} is not defined for the ${name} theme`);
        return parseColour(value);
      };

      it.each(pairs)('%s on %s (%s) meets WCAG AA 4.5:1', (text, background) => {
        const bg = colour(background);
        const backdrops = bg[3] < 1 ? [over(bg, white), over(bg, black)] : [bg];
        for (const opaque of backdrops) {
          // Text is opaque in every pair; a translucent one would need the same compositing.
          expect(colour(text)[3]).toBe(1);
          expect(ratio(colour(text), opaque)).toBeGreaterThanOrEqual(4.5);
        }
      });

      it('terminal ANSI colours stay readable (3:1, non-text UI contrast) on the terminal background', () => {
        const bg = colour('--terminal-bg');
        const ansi = [...vars.keys()].filter((k) => /^--terminal-(bright-)?(black|red|green|yellow|blue|magenta|cyan|white)$/.test(k));
        expect(ansi).toHaveLength(16);
        // "black" on a dark terminal is the background colour by convention (and "white" on a light one).
        const low = name === 'dark' ? '--terminal-black' : '--terminal-bright-white';
        for (const k of ansi.filter((k) => k !== low && k !== '--terminal-white')) {
          expect.soft(ratio(colour(k), bg), k).toBeGreaterThanOrEqual(3);
        }
      });
    });
  }

  it('the dark theme is dark and the light theme light (page and panel backgrounds, text)', () => {
    const lum = (vars: Map<string, string>, v: string) => luminance(parseColour(vars.get(v)!));
    for (const v of ['--bg', '--panel', '--terminal-bg', '--code-bg']) expect(lum(themes.dark, v), v).toBeLessThan(0.05);
    expect(lum(themes.dark, '--text')).toBeGreaterThan(0.6);
    for (const v of ['--bg', '--panel', '--terminal-bg']) expect(lum(themes.light, v), v).toBeGreaterThan(0.8);
    expect(lum(themes.light, '--text')).toBeLessThan(0.05);
  });

  it('the dark theme defines its own value for every colour the light theme defines (none left light)', () => {
    const css = themeVariables();
    // Same in both by design: the top bar and code are dark in both themes, the console overlay sits on the VM's picture.
    const shared = new Set(['--bar', '--bar-text', '--bar-border', '--bar-raised', '--bar-warn', '--code-text', '--overlay-bg', '--overlay-text', '--terminal-black']);
    const sameValue = [...css.light.keys()].filter((k) => !shared.has(k) && css.light.get(k) === css.dark.get(k));
    expect(sameValue).toEqual([]);
  });
});
