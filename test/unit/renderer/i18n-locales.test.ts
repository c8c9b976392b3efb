import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/locales/en.json';
import zhTW from '../../../renderer/src/i18n/locales/zh-TW.json';
import { supportedLanguages } from '../../../renderer/src/i18n/language';

type Tree = { [k: string]: string | Tree };

/** Every leaf as "a.b.c" → value. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const locales: Record<string, Map<string, unknown>> = { en: leaves(en as Tree), 'zh-TW': leaves(zhTW as Tree) };

  it('ships a file for every supported language and nothing else', () => {
    const dir = resolve(__dirname, '../../../renderer/src/i18n/locales');
    expect(readdirSync(dir).map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...supportedLanguages].sort());
  });

  it('has the same keys in every language', () => {
    const enKeys = [...locales.en!.keys()].sort();
    expect(enKeys.length).toBeGreaterThan(10);
    expect([...locales['zh-TW']!.keys()].sort()).toEqual(enKeys);
  });

  it('has no empty or non-string values, and the same placeholders across languages', () => {
    for (const [lng, map] of Object.entries(locales)) {
      for (const [key, value] of map) {
        expect(typeof value, `${lng}:${key}`).toBe('string');
        expect((value as string).trim(), `${lng}:${key}`).not.toBe('');
        expect(placeholders(value as string), `${lng}:${key}`).toEqual(placeholders(locales.en!.get(key) as string));
      }
    }
  });

  it('has every key the renderer code asks for with t("...")', () => {
    const root = resolve(__dirname, '../../../renderer/src');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (/\.tsx?$/.test(e.name)) files.push(join(d, e.name));
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
      for (const m of src.matchAll(/labelKey:\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter((k) => !locales.en!.has(k));
    expect(missing).toEqual([]);
  });
});
