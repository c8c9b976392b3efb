// `npm test`: every check and test layer in order, then one line `N passed, N failed` that adds up
// type-checks, lint, Vitest, Pester and Playwright. Exits non-zero if anything failed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- vitest pester` runs just those layers
const want = (name) => only.length === 0 || only.includes(name);

let passed = 0;
let failed = 0;
const lines = [];

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  return { code: r.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

/**
 * Like run, but concurrent: the output is kept and printed in one piece when the step ends, so steps that run
 * side by side stay readable. The checks are single-threaded (tsc, eslint), so two cores fit several of them.
 */
function runQuiet(name, cmd, args) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    const finish = (code) => {
      const text = Buffer.concat(out).toString();
      if (text.trim()) process.stdout.write(`--- ${name}\n${text}${text.endsWith('\n') ? '' : '\n'}`);
      done({ code, seconds: ((Date.now() - started) / 1000).toFixed(1) });
    };
    child.once('error', (err) => {
      out.push(Buffer.from(`${err}\n`));
      finish(1);
    });
    child.once('close', (code) => finish(code ?? 1));
  });
}

async function check(name, cmd, args) {
  if (!want(name)) return;
  const r = await runQuiet(name, cmd, args);
  if (r.code === 0) passed += 1;
  else failed += 1;
  lines.push(`${name}: ${r.code === 0 ? 'ok' : 'FAILED'} (${r.seconds}s)`);
}

function layer(name, cmd, args, resultFile, count, env) {
  if (!want(name)) return;
  rmSync(resultFile, { force: true });
  const r = run(cmd, args, { env });
  let p = 0;
  let f = 0;
  if (existsSync(resultFile)) {
    try {
      [p, f] = count(JSON.parse(readFileSync(resultFile, 'utf8')));
    } catch (err) {
      console.error(`${name}: unreadable results: ${err}`);
      f = 1;
    }
  }
  // A runner that crashed before writing results, or exited non-zero with no failure counted, is one failure.
  if (r.code !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  lines.push(`${name}: ${p} passed, ${f} failed (${r.seconds}s)`);
}

const npx = (bin, ...args) => ['npx', [bin, ...args]];

// The checks, and the NuGet restore of Pester, run side by side; their lines keep this order.
const pesterDir = join(root, '.tools', 'nuget');
const checksDone = Promise.all([
  check('generated', 'node', ['scripts/gen-lab-declarations.mjs', '--check']),
  check('typecheck-node', ...npx('tsc', '-p', 'tsconfig.node.json', '--noEmit')),
  check('typecheck-web', ...npx('tsc', '-p', 'tsconfig.web.json', '--noEmit')),
  check('typecheck-renderer-tests', ...npx('tsc', '-p', 'tsconfig.test-web.json', '--noEmit')),
  check('lint', ...npx('eslint', '--max-warnings', '0', '.')),
]);
const restored = want('pester')
  ? runQuiet('pester restore', 'dotnet', ['restore', 'test/support/pester/fetch-pester.csproj', '--packages', pesterDir, '--verbosity', 'quiet'])
  : Promise.resolve({ code: 0 });
const order = ['generated', 'typecheck-node', 'typecheck-web', 'typecheck-renderer-tests', 'lint'];
await checksDone;
lines.sort((a, b) => order.indexOf(a.split(':')[0]) - order.indexOf(b.split(':')[0]));

layer(
  'vitest',
  ...npx('vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(tmp, 'vitest.json')}`),
  join(tmp, 'vitest.json'),
  (j) => [j.numPassedTests ?? 0, (j.numFailedTests ?? 0) + (j.testResults ?? []).filter((t) => t.status === 'failed' && t.assertionResults?.length === 0).length],
);

if (want('pester')) {
  const restore = await restored;
  const module = join(pesterDir, 'pester', '5.7.1', 'tools', 'Pester.psd1');
  if (restore.code !== 0 || !existsSync(module)) {
    failed += 1;
    lines.push('pester: could not fetch Pester from NuGet');
  } else {
    layer(
      'pester',
      'pwsh',
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', 'test/support/run-pester.ps1', '-PesterModule', module, '-ResultFile', join(tmp, 'pester.json')],
      join(tmp, 'pester.json'),
      (j) => [j.passed, j.failed],
    );
  }
}

if (want('e2e')) {
  const build = run('node', ['scripts/build.mjs']);
  if (build.code !== 0) {
    failed += 1;
    lines.push('e2e: build failed');
  } else {
    layer(
      'e2e',
      ...npx('playwright', 'test', '--reporter=list,json'),
      join(tmp, 'playwright.json'),
      (j) => [j.stats?.expected ?? 0, (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0)],
      { PLAYWRIGHT_JSON_OUTPUT_NAME: join(tmp, 'playwright.json') },
    );
  }
}

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
