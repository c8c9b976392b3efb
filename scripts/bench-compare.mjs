// `npm run bench -- <names> --against <commit>`: the other tree (a git worktree at /tmp/hd-base) and the table that
// compares its figures with HEAD's. Figures are read from the benchmarks' own markdown tables (the value or result
// column's first number), so a benchmark needs no change to be compared; ratios are HEAD / base of the medians.
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export const BASE_DIR = '/tmp/hd-base';

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status})`);
}

/** The worktree of `commit`, built; `created` when this run made it (and so removes it). */
export function prepareBase(root, commit) {
  const created = !existsSync(BASE_DIR);
  if (created) run('git', ['worktree', 'add', '--detach', BASE_DIR, commit], root);
  if (!existsSync(join(BASE_DIR, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(BASE_DIR, 'node_modules'));
  run('npm', ['run', 'build'], BASE_DIR);
  return { dir: BASE_DIR, created };
}

export function removeBase(root, dir) {
  spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'inherit' });
}

/** measure → first number of its value/result cell, from a benchmark's markdown tables. */
export function figures(markdown) {
  const out = new Map();
  let column = -1;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      column = -1;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (column === -1) {
      column = cells.findIndex((c) => /^(value|result)$/i.test(c));
      continue;
    }
    if (/^-+$/.test(cells[0] ?? '')) continue;
    const m = /-?\d[\d,]*(\.\d+)?/.exec(cells[column] ?? '');
    if (m) out.set(cells[0], Number(m[0].replace(/,/g, '')));
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The comparison table: each measure both trees report, medians of their runs, and HEAD / base. */
export function compareSection(commit, baseRuns, headRuns) {
  if (baseRuns.length === 0) return `### Against ${commit}\n\n${commit} could not run this benchmark (see the console output); the figures above are HEAD only.`;
  const base = baseRuns.map(figures);
  const head = headRuns.map(figures);
  const rows = [];
  for (const measure of head[0].keys()) {
    const b = base.map((f) => f.get(measure)).filter((x) => x !== undefined);
    const h = head.map((f) => f.get(measure)).filter((x) => x !== undefined);
    if (b.length === 0 || h.length === 0) continue;
    const [mb, mh] = [median(b), median(h)];
    const ratio = mb === 0 ? (mh === 0 ? '1.00×' : '—') : `${(mh / mb).toFixed(2)}×`;
    const n = (x) => String(Math.round(x * 100) / 100);
    rows.push(`| ${measure} | ${n(mb)} (runs ${b.join(', ')}) | ${n(mh)} (runs ${h.join(', ')}) | ${ratio} |`);
  }
  return [
    `### Against ${commit} (same run, trees alternating: ${commit}, HEAD, HEAD, ${commit})`,
    '',
    `| measure | ${commit} | HEAD | HEAD / ${commit} |`,
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
