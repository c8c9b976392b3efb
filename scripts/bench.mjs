// `npm run bench`: runs every bench/*.bench.ts (each in its own process, one after another, so they do not
// compete for the CPU), collects the markdown section each prints after a `BENCH_RESULT ` marker, and writes
// docs/benchmarks.md with the machine's conditions. `npm run bench -- sessions` runs only matching files and keeps
// the other benchmarks' sections of docs/benchmarks.md as they were (each section records its own conditions).
// `npm run bench -- inventory console --against c223945` also runs each selected benchmark in a worktree of that
// commit (/tmp/hd-base: created, node_modules linked, built; removed afterwards), alternating the two trees, and
// adds a table of both trees' figures and their ratio to each section (bench-compare.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { compareSection, prepareBase, removeBase } from './bench-compare.mjs';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const againstAt = argv.indexOf('--against');
const against = againstAt >= 0 ? argv[againstAt + 1] : null;
const filter = argv.filter((_, i) => againstAt < 0 || (i !== againstAt && i !== againstAt + 1));
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

const pwsh = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' }).stdout.trim();
const cpu = cpus();
const conditions = () =>
  `${new Date().toISOString()}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}, ` +
  `PowerShell ${pwsh}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
// HYPERDESK_BENCH_OUT: run from a clean worktree of HEAD (no shared dist/) and still write this repo's file.
const out = process.env.HYPERDESK_BENCH_OUT ?? join(root, 'docs', 'benchmarks.md');

// Sections already in the file, by bench file (each ends with its `_(<file>, <s> s; ...)_` line).
const kept = new Map();
if (existsSync(out)) {
  const body = readFileSync(out, 'utf8').split(/\n(?=## )/).slice(1);
  for (const sec of body) {
    const m = /_\(([\w.-]+\.bench\.ts)[,)]/.exec(sec);
    if (m) kept.set(m[1], sec.trimEnd() + '\n');
  }
}

/**
 * Runs one benchmark for `tree`: the tree's own bench file with its own code when it has one, else this repo's
 * file pointed at the tree's built app (HYPERDESK_BENCH_TREE). The markdown it printed, or null.
 */
function runBench(file, tree) {
  const r = spawnSync('npx', ['tsx', join('bench', file)], {
    cwd: existsSync(join(tree, 'bench', file)) ? tree : root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, HYPERDESK_QUIET: '1', HYPERDESK_BENCH_TREE: tree },
  });
  process.stdout.write(r.stdout.split('\nBENCH_RESULT ')[0] + '\n');
  const marker = r.stdout.lastIndexOf('BENCH_RESULT ');
  if (r.status !== 0 || marker === -1) return null;
  return JSON.parse(r.stdout.slice(marker + 'BENCH_RESULT '.length).trim().split('\n')[0]).markdown;
}

const base = against ? prepareBase(root, against) : null;
const sections = new Map(kept);
let failed = 0;
try {
  for (const file of files) {
    console.log(`bench: ${file}`);
    const started = Date.now();
    const at = conditions();
    // Against another commit: the two trees take turns (base, head, head, base), so drifting load hits both.
    const runs = base ? [['base', base.dir], ['head', root], ['head', root], ['base', base.dir]] : [['head', root]];
    const results = { base: [], head: [] };
    for (const [who, tree] of runs) {
      console.log(`bench: ${file} on ${who === 'base' ? against : 'HEAD'}`);
      const md = runBench(file, tree);
      if (md !== null) results[who].push(md);
    }
    if (results.head.length === 0) {
      failed++;
      sections.set(file, `## ${file}\n\nFailed; see the console output.\n\n_(${file}; ${at})_\n`);
      continue;
    }
    const compared = base ? `\n\n${compareSection(against, results.base, results.head)}` : '';
    sections.set(file, `${results.head.at(-1).trim()}${compared}\n\n_(${file}, ${((Date.now() - started) / 1000).toFixed(0)} s; started ${at})_\n`);
  }
} finally {
  if (base?.created) removeBase(root, base.dir);
}

const header = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (scripts/bench.mjs runs bench/*.bench.ts). Do not edit by hand.',
  '',
  'Each section ends with the machine and its load when that benchmark started. Lab hosts run on the same machine ' +
    '(their remote pwsh processes share the CPU with the client), so multi-host figures are pessimistic.',
  '',
];
const ordered = [...sections.keys()].sort().map((k) => sections.get(k));
const tmp = `${out}.${process.pid}.tmp`;
writeFileSync(tmp, [...header, ...ordered].join('\n'));
renameSync(tmp, out);
console.log(`bench: wrote docs/benchmarks.md (${files.length - failed} ok, ${failed} failed)`);
process.exit(failed ? 1 : 0);
