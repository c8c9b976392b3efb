import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripComments, themeBlocks, themeCssPath } from './support/theme-css';

const rendererSrc = join(__dirname, '../../../renderer/src');
const repo = join(__dirname, '../../..');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'i18n' ? [] : files(p, ext);
    return ext.test(e.name) ? [p] : [];
  });
}

/** Colour functions and hex colours: a literal colour wherever it appears in a declaration. */
const colourFunction = /(?:#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|color-mix)\s*\()/i;

/** Properties that take a colour; a bare word in them must be one of these keywords, not a named colour. */
const colourProperty = /^(?:color|background(?:-color)?|border(?:-(?:top|right|bottom|left|block|inline)(?:-(?:start|end))?)?(?:-color)?|outline(?:-color)?|box-shadow|text-shadow|text-decoration(?:-color)?|caret-color|accent-color|column-rule(?:-color)?|fill|stroke|scrollbar-color)$/i;
const keywords = new Set([
  'transparent', 'currentcolor', 'inherit', 'initial', 'unset', 'revert', 'none', 'auto',
  'solid', 'dashed', 'dotted', 'double', 'groove', 'ridge', 'inset', 'outset', 'hidden',
  'thin', 'medium', 'thick', 'underline', 'overline', 'line-through', 'wavy',
  'no-repeat', 'repeat', 'center', 'top', 'bottom', 'left', 'right', 'cover', 'contain',
]);

/** Literal colours in one CSS text: [line, text] for each offending declaration. */
function literalColours(css: string): [number, string][] {
  const found: [number, string][] = [];
  const lines = css.split('\n');
  lines.forEach((line, i) => {
    for (const decl of line.split(/[;{}]/)) {
      const m = /^\s*([\w-]+)\s*:\s*(.+)$/.exec(decl);
      if (!m) continue;
      const [, property, value] = m as unknown as [string, string, string];
      if (colourFunction.test(value)) {
        found.push([i + 1, decl.trim()]);
        continue;
      }
      if (!colourProperty.test(property)) continue;
      const words = value.replace(/var\([^)]*\)|!important/g, ' ').match(/[a-z][\w-]*/gi) ?? [];
      const units = /^(?:px|em|rem|vh|vw|ms|s|deg)$/i;
      if (words.some((w) => !keywords.has(w.toLowerCase()) && !units.test(w))) found.push([i + 1, decl.trim()]);
    }
  });
  return found;
}

/** app.css without its :root theme blocks (the one place colours are defined), line numbers kept. */
function outsideThemeBlocks(css: string): string {
  let out = css;
  for (const b of themeBlocks(css).reverse()) {
    out = out.slice(0, b.start) + css.slice(b.start, b.end).replace(/[^\n]/g, ' ') + out.slice(b.end);
  }
  return out;
}

describe('renderer colours come from the theme variables', () => {
  it('no renderer CSS file has a literal colour outside the theme definitions (so dark mode reaches every view)', () => {
    const css = files(rendererSrc, /\.css$/);
    expect(css.length).toBeGreaterThan(10);
    const offences: string[] = [];
    for (const file of css) {
      let text = stripComments(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'));
      if (file === themeCssPath) text = outsideThemeBlocks(text);
      for (const [line, decl] of literalColours(text)) offences.push(`${relative(repo, file)}:${line}: ${decl}`);
    }
    expect(offences).toEqual([]);
  });

  it('no renderer script paints with a literal hex colour (canvases read the variables: ui/theme-colors.ts)', () => {
    const offences: string[] = [];
    for (const file of files(rendererSrc, /\.tsx?$/)) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/['"`]#[0-9a-f]{3,8}['"`]/i.test(line)) offences.push(`${relative(repo, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offences).toEqual([]);
  });

  it('the check itself catches hex, functional and named colours, and allows variables and keywords', () => {
    expect(literalColours('.a { color: #fff; }')).toHaveLength(1);
    expect(literalColours('.a { box-shadow: 0 1px 2px rgba(0, 0, 0, 0.2); }')).toHaveLength(1);
    expect(literalColours('.a { border: 1px solid red; }')).toHaveLength(1);
    expect(literalColours('.a { background: white; }')).toHaveLength(1);
    expect(literalColours('.a { border-left: 3px solid var(--danger, #b42318); }')).toHaveLength(1);
    expect(literalColours('.a { color: var(--text); border: 1px solid transparent; background: currentColor; }')).toEqual([]);
    expect(literalColours('.a { white-space: nowrap; font: 12px monospace; }')).toEqual([]);
    expect(literalColours('.a { border: 0 !important; background: none !important; }')).toEqual([]);
    const themed = ":root {\n  --bg: #fff;\n}\n:root[data-theme='dark'] {\n  --bg: #000;\n}\n.b { color: #123456; }";
    expect(literalColours(outsideThemeBlocks(themed))).toEqual([[7, 'color: #123456']]);
  });
});
