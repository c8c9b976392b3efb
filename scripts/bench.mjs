// `npm run bench`: runs every bench/*.bench.ts (each in its own process, one after another, so they do not
// compete for the CPU), collects the markdown section each prints after a `BENCH_RESULT ` marker, and writes
// docs/benchmarks.md with the machine's conditions. `npm run bench -- sessions` runs only matching files and keeps
// the other benchmarks' sections of docs/benchmarks.md as they were (each section records its own conditions).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const filter = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

const pwsh = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' }).stdout.trim();
const cpu = cpus();
const conditions = () =>
  `${new Date().toISOString()}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}, ` +
  `PowerShell ${pwsh}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
const out = join(root, 'docs', 'benchmarks.md');

// Sections already in the file, by bench file (each ends with its `_(<file>, <s> s; ...)_` line).
const kept = new Map();
if (existsSync(out)) {
  const body = readFileSync(out, 'utf8').split(/\n(?=## )/).slice(1);
  for (const sec of body) {
    const m = /_\(([\w.-]+\.bench\.ts)[,)]/.exec(sec);
    if (m) kept.set(m[1], sec.trimEnd() + '\n');
  }
}

const sections = new Map(kept);
let failed = 0;
for (const file of files) {
  console.log(`bench: ${file}`);
  const started = Date.now();
  const at = conditions();
  const r = spawnSync('npx', ['tsx', join('bench', file)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HYPERDESK_QUIET: '1' } });
  process.stdout.write(r.stdout.split('\nBENCH_RESULT ')[0] + '\n');
  const marker = r.stdout.lastIndexOf('BENCH_RESULT ');
  if (r.status !== 0 || marker === -1) {
    failed++;
    sections.set(file, `## ${file}\n\nFailed (exit ${r.status}); see the console output.\n\n_(${file}; ${at})_\n`);
    continue;
  }
  const { markdown } = JSON.parse(r.stdout.slice(marker + 'BENCH_RESULT '.length).trim().split('\n')[0]);
  sections.set(file, `${markdown.trim()}\n\n_(${file}, ${((Date.now() - started) / 1000).toFixed(0)} s; started ${at})_\n`);
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
