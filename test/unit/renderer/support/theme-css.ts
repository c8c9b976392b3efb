import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the theme's colours are defined, once per theme (the only renderer CSS allowed literal colours). */
export const themeCssPath = join(__dirname, '../../../../renderer/src/app/app.css');

/** CSS text without its comments (so a colour named in a comment is neither a definition nor a use). */
export function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** The `:root` rule blocks (light) and `:root[data-theme='dark']` blocks, matched at the top level of app.css. */
export function themeBlocks(css: string): { selector: string; body: string; start: number; end: number }[] {
  const blocks: { selector: string; body: string; start: number; end: number }[] = [];
  const re = /(^|\})\s*(:root(?:\[data-theme=['"]?(?:light|dark)['"]?\])?)\s*\{([^}]*)\}/g;
  for (let m = re.exec(css); m; m = re.exec(css)) {
    const start = m.index + m[1]!.length;
    blocks.push({ selector: m[2]!, body: m[3]!, start, end: re.lastIndex });
    re.lastIndex -= 1; // the closing brace may open the next match
  }
  return blocks;
}

/** `--name: value` declarations of a block. */
export function declarations(body: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());
  return vars;
}

/** Both themes' variables: dark is light overridden by the dark block (the cascade of app.css). */
export function themeVariables(): { light: Map<string, string>; dark: Map<string, string> } {
  const css = stripComments(readFileSync(themeCssPath, 'utf8'));
  const light = new Map<string, string>();
  const darkOnly = new Map<string, string>();
  for (const block of themeBlocks(css)) {
    const target = block.selector.includes('dark') ? darkOnly : light;
    for (const [k, v] of declarations(block.body)) target.set(k, v);
  }
  return { light, dark: new Map([...light, ...darkOnly]) };
}
