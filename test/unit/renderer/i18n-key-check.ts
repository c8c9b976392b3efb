/**
 * Finds the i18n keys the code asks for, including keys built at run time, and checks them against the locales.
 * Used by i18n-locales.test.ts on the real sources and on a small fixture (to show it catches a missing key).
 *
 * - Renderer: every `t(...)` first argument and every `translateRuntimeKey(t, ...)` key argument. String literals
 *   are keys; a key without 'ns:' belongs to the file's namespace (the first one its useTranslation names, else
 *   'common'). Template literals become patterns such as 'common:vmState.${}'.
 * - Everywhere (main process and renderer): every string or template literal spelt '<namespace>:<key>' (task
 *   titles, P2V findings and notes, keys a helper builds before translating).
 * - A pattern resolves only through the table the test passes (pattern -> the complete keys it can produce). A
 *   pattern the table does not know fails the check, so a new dynamic key gets covered the day it is written; a
 *   table entry no source uses fails too, so the table stays true.
 */

export type Tree = { [k: string]: string | Tree };
export interface Source {
  path: string;
  text: string;
  /** Renderer files resolve bare keys against their namespace; main files only carry 'ns:key' literals. */
  side: 'renderer' | 'main';
}
export interface KeyUse {
  key: string;
  where: string;
}
export interface CheckResult {
  /** 'lang ns:key (where)' for each key some language lacks. */
  missing: string[];
  /** 'pattern (where)' for each template key the table cannot resolve. */
  unresolved: string[];
  /** Table patterns no source produces any more. */
  stale: string[];
}

/** Every leaf of one namespace as "a.b.c" → text. */
export function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

/** One language's namespaces flattened to 'ns:key' → text. */
export function flattenLanguage(namespaces: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [ns, tree] of Object.entries(namespaces)) for (const [k, v] of leaves(tree as Tree)) out.set(`${ns}:${k}`, v);
  return out;
}

/** The text of a call's arguments: from just after `(` to the matching `)`, skipping strings and templates. */
function callArgs(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') i = skipString(text, i);
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

/** Index of the closing quote of the string or template starting at `start` (templates may nest `${}`). */
function skipString(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === q) return i;
    else if (q === '`' && c === '$' && text[i + 1] === '{') {
      let depth = 0;
      for (i++; i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
        else if (text[i] === "'" || text[i] === '"' || text[i] === '`') i = skipString(text, i);
      }
    }
  }
  return text.length;
}

/** The first argument of an argument list (up to a top-level comma). */
function firstArg(args: string): string {
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === "'" || c === '"' || c === '`') i = skipString(args, i);
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) return args.slice(0, i);
  }
  return args;
}

/**
 * The string and template literals an expression can evaluate to, templates with each `${...}` replaced by `${}`:
 * the whole expression, or the branches of a ternary (`a === 'x' ? 'k1' : 'k2'` gives k1 and k2, not 'x').
 */
function literals(expr: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c !== "'" && c !== '"' && c !== '`') continue;
    const end = skipString(expr, i);
    const before = expr.slice(0, i).trimEnd();
    const after = expr.slice(end + 1).trimStart();
    const isValue = (before === '' || /[?:]$/.test(before)) && (after === '' || after.startsWith(':') || after.startsWith(')'));
    let body = expr.slice(i + 1, end);
    if (c === '`') body = body.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '${}');
    if (isValue) out.push(body);
    i = end;
  }
  return out;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Literals anywhere in a file spelt '<namespace>:<key>' (how the main process and key-building helpers write keys). */
function qualifiedLiterals(src: Source, isNs: (s: string) => boolean): KeyUse[] {
  const out: KeyUse[] = [];
  const { text } = src;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i) === -1 ? text.length : text.indexOf('*/', i) + 1;
    else if (c === "'" || c === '"' || c === '`') {
      const end = skipString(text, i);
      for (const lit of literals(text.slice(i, end + 1))) if (isNs(lit) && /^\w+:[\w$]/.test(lit)) out.push({ key: lit, where: `${src.path}:${lineOf(text, i)}` });
      i = end;
    }
  }
  return out;
}

export interface Uses {
  keys: KeyUse[];
  /** translateRuntimeKey calls whose key is an expression, not a literal: 'expr (where)'. */
  opaque: KeyUse[];
}

/** The keys (and patterns) a set of sources uses, fully qualified as 'ns:key'. */
export function usedKeys(sources: readonly Source[], namespaces: readonly string[]): Uses {
  const keys: KeyUse[] = [];
  const opaque: KeyUse[] = [];
  const isNs = (s: string) => s.includes(':') && namespaces.includes(s.split(':')[0]!);
  for (const src of sources) {
    const { text } = src;
    keys.push(...qualifiedLiterals(src, isNs));
    if (src.side === 'main') continue;
    // The file's namespace: what its useTranslation names first, or the TFunction<...> a helper is handed.
    const own = /(?:useTranslation\(|TFunction<)\s*\[?\s*'(\w+)'/.exec(text)?.[1] ?? 'common';
    const qualify = (k: string) => (isNs(k) ? k : `${own}:${k}`);
    for (const m of text.matchAll(/\b(t|translateRuntimeKey)\(/g)) {
      const args = callArgs(text, m.index + m[0].length - 1);
      // translateRuntimeKey(t, key, values): the key is the second argument.
      const keyExpr = (m[1] === 't' ? firstArg(args) : firstArg(args.slice(firstArg(args).length + 1))).trim();
      const where = `${src.path}:${lineOf(text, m.index)}`;
      const found = literals(keyExpr).filter((lit) => /^[\w${}:.-]+$/.test(lit));
      for (const lit of found) if (!isNs(lit)) keys.push({ key: qualify(lit), where });
      if (m[1] === 'translateRuntimeKey' && found.length === 0) opaque.push({ key: keyExpr, where });
    }
  }
  return { keys, opaque };
}

export function checkKeys(opts: {
  sources: readonly Source[];
  locales: Record<string, Map<string, unknown>>;
  namespaces: readonly string[];
  /** Template pattern ('common:vmState.${}') → every complete key it can produce. */
  patterns: Record<string, readonly string[]>;
}): CheckResult {
  const result: CheckResult = { missing: [], unresolved: [], stale: [] };
  const seenPatterns = new Set<string>();
  const check = (key: string, where: string) => {
    // A plural key ('x' asked with a count) exists as its forms: x_one, x_other (i18next plurals).
    for (const [lng, map] of Object.entries(opts.locales)) if (!map.has(key) && !map.has(`${key}_other`)) result.missing.push(`${lng} ${key} (${where})`);
  };
  for (const use of usedKeys(opts.sources, opts.namespaces).keys) {
    if (!use.key.includes('${}')) {
      check(use.key, use.where);
      continue;
    }
    const keys = opts.patterns[use.key];
    if (!keys) {
      result.unresolved.push(`${use.key} (${use.where})`);
      continue;
    }
    seenPatterns.add(use.key);
    if (keys.length === 0) result.unresolved.push(`${use.key} resolves to no keys (${use.where})`);
    for (const k of keys) check(k, `${use.where} via ${use.key}`);
  }
  result.stale = Object.keys(opts.patterns).filter((p) => !seenPatterns.has(p));
  return result;
}
