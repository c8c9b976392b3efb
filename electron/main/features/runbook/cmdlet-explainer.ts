import type { ExplainedCmdlet } from '../../../../shared/features/runbook/runbook.contract';

/** The compact reference (reference/cmdlet-sets.json): cmdlet → module, parameter sets, default set. */
export interface CompactParam {
  n: string;
  t: string;
  m?: 1;
  a?: string[];
}
export type CompactReference = Record<string, { module: string; sets: Record<string, CompactParam[]>; d?: string; aliasOf?: string }>;

type Token =
  | { k: 'word'; text: string; line: number; offset: number }
  | { k: 'param'; text: string; line: number }
  | { k: 'splat'; line: number }
  | { k: 'open' | 'close' | 'end'; line: number };

const COMMON = new Set(
  ['Verbose', 'vb', 'Debug', 'db', 'ErrorAction', 'ea', 'WarningAction', 'wa', 'InformationAction', 'infa', 'ErrorVariable', 'ev', 'WarningVariable', 'wv',
    'InformationVariable', 'iv', 'OutVariable', 'ov', 'OutBuffer', 'ob', 'PipelineVariable', 'pv', 'WhatIf', 'wi', 'Confirm', 'cf'].map((s) => s.toLowerCase()),
);

/**
 * A small PowerShell tokenizer, enough to find command calls and their named parameters in our own
 * scripts: comments and string contents are skipped, backtick line continuations joined, and brackets
 * tracked so a nested call's parameters are not credited to the outer one.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      out.push({ k: 'end', line });
      line++;
      i++;
    } else if (c === '`' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\r' ? 3 : 2;
      line++;
    } else if (c === '<' && text[i + 1] === '#') {
      const close = text.indexOf('#>', i + 2);
      const stop = close < 0 ? n : close + 2;
      for (let j = i; j < stop; j++) if (text[j] === '\n') line++;
      i = stop;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n) {
        if (text[i] === '\n') line++;
        if (c === '"' && text[i] === '`') {
          i += 2;
          continue;
        }
        if (text[i] === c) {
          if (text[i + 1] === c) {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
    } else if (c === '(' || c === '{' || c === '[') {
      out.push({ k: 'open', line });
      i++;
    } else if (c === ')' || c === '}' || c === ']') {
      out.push({ k: 'close', line });
      i++;
    } else if (c === ';' || c === '|') {
      out.push({ k: 'end', line });
      i++;
    } else if (c === '@' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      out.push({ k: 'splat', line });
      i++;
      while (i < n && /[A-Za-z0-9_]/.test(text[i]!)) i++;
    } else if (c === '-' && /[A-Za-z]/.test(text[i + 1] ?? '') && !/[A-Za-z0-9_$)\]]/.test(text[i - 1] ?? ' ')) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      out.push({ k: 'param', text: text.slice(i + 1, j), line });
      i = j;
      if (text[i] === ':') i++;
    } else if (/[A-Za-z_]/.test(c) && !/[$.\w-]/.test(text[i - 1] ?? ' ')) {
      let j = i;
      while (j < n && /[A-Za-z0-9_-]/.test(text[j]!)) j++;
      out.push({ k: 'word', text: text.slice(i, j), line, offset: i });
      i = j;
    } else i++;
  }
  return out;
}

/**
 * PowerShell resolves a parameter name against the whole cmdlet, not one set: an exact name or alias wins,
 * else a prefix that names exactly one parameter. Returns the canonical name, or null when it does not bind.
 */
export function canonicalParameter(sets: Record<string, CompactParam[]>, used: string): string | null {
  const u = used.toLowerCase();
  const names = Object.values(sets).flatMap((ps) => ps.flatMap((p) => [p.n, ...(p.a ?? [])].map((x) => ({ x: x.toLowerCase(), p: p.n }))));
  const exact = names.find((e) => e.x === u);
  if (exact) return exact.p;
  const prefixed = new Set(names.filter((e) => e.x.startsWith(u)).map((e) => e.p));
  return prefixed.size === 1 ? [...prefixed][0]! : null;
}

export function docUrlFor(module: string, cmdlet: string): string | null {
  const modules: Record<string, string> = { 'Hyper-V': 'hyper-v', FailoverClusters: 'failoverclusters', Storage: 'storage', NetAdapter: 'netadapter', NetLbfo: 'netlbfo', Deduplication: 'deduplication', SmbShare: 'smbshare', NetWNV: 'netwnv' };
  const slug = modules[module];
  return slug ? `https://learn.microsoft.com/powershell/module/${slug}/${cmdlet.toLowerCase()}` : null;
}

/** Every call of a reference cmdlet in `script`, with its named parameters and the sets they bind to. */
export function explainScript(script: string, reference: CompactReference): ExplainedCmdlet[] {
  const tokens = tokenize(script);
  const lines = script.split('\n');
  const byLower = new Map(Object.keys(reference).map((k) => [k.toLowerCase(), k]));
  const found: ExplainedCmdlet[] = [];
  tokens.forEach((tok, idx) => {
    if (tok.k !== 'word') return;
    const name = byLower.get(tok.text.toLowerCase());
    if (!name) return;
    let def = reference[name]!;
    if (Object.keys(def.sets).length === 0 && def.aliasOf && reference[def.aliasOf]) def = reference[def.aliasOf]!;
    const used: string[] = [];
    let splatted = false;
    let depth = 0;
    for (let j = idx + 1; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.k === 'open') depth++;
      else if (t.k === 'close') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && t.k === 'end') break;
      else if (depth === 0 && t.k === 'param') used.push(t.text);
      else if (depth === 0 && t.k === 'splat') splatted = true;
    }
    const named = used.filter((u) => !COMMON.has(u.toLowerCase()));
    const canonical = named.map((u) => canonicalParameter(def.sets, u));
    const sets = Object.entries(def.sets).map(([setName, params]) => ({
      name: setName,
      isDefault: def.d === setName,
      matches: canonical.every((c) => c !== null && params.some((p) => p.n === c)),
      parameters: params.map((p) => ({ name: p.n, type: p.t, mandatory: p.m === 1, used: canonical.includes(p.n) })),
    }));
    found.push({
      name,
      module: def.module,
      line: tok.line,
      text: (lines[tok.line - 1] ?? '').trim().slice(0, 300),
      parametersUsed: named,
      splatted,
      sets,
      docUrl: docUrlFor(def.module, name),
    });
  });
  return found;
}
