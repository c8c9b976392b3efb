// Lint enforces the layering: renderer/ never reaches Node or Electron, shared/ imports only itself
// and zod, and only the thin desktop adapter and the preload may import 'electron'.
import tseslint from 'typescript-eslint';
import boundaries from './eslint-rules/boundaries.mjs';

const timerGlobals = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'clearImmediate'];
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'net', 'http', 'https', 'crypto', 'stream', 'url', 'util', 'events', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tmp/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'assets/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer never touches Electron: use the api client.' },
            { group: nodeBuiltins, message: 'The renderer never gets Node.' },
            { group: ['**/electron/**', '../electron/*'], message: 'The renderer talks to main only through the IPC contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\.{1,2}/).*', message: 'shared/ imports only itself and zod.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/gateway/**/*.ts'],
    ignores: ['electron/main/desktop/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'electron/*'], message: 'Only electron/main/desktop/ and electron/preload/ may import electron, so services run in plain Node.' }] },
      ],
    },
  },
  {
    // Time goes through the one seam (platform/time/clock.ts), so every wait and timestamp is testable with a
    // ManualClock: no global timers, Date.now or argument-less new Date() in main or the gateway.
    files: ['electron/main/**/*.ts', 'electron/gateway/**/*.ts'],
    ignores: ['electron/main/platform/time/**'],
    rules: {
      'no-restricted-globals': ['error', ...timerGlobals.map((name) => ({ name, message: `Use an injected Clock (platform/time/clock.ts, default systemClock) instead of ${name}.` }))],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use clock.now() (platform/time/clock.ts) instead of Date.now.' },
        ...timerGlobals.flatMap((property) => ['globalThis', 'window', 'global'].map((object) => ({ object, property, message: `Use an injected Clock instead of ${object}.${property}.` }))),
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use isoNow(clock) or new Date(clock.now()) (platform/time/clock.ts) instead of new Date().' }],
    },
  },
  {
    // The platform floor and the features: see eslint-rules/boundaries.mjs.
    files: ['electron/main/**/*.ts'],
    plugins: { hyperdesk: boundaries },
    rules: { 'hyperdesk/feature-boundaries': 'error' },
  },
  {
    // Renderer features: the renderer platform, their own stores, shared/, another feature only through its index.ts.
    files: ['renderer/src/features/**/*.{ts,tsx}'],
    plugins: { hyperdesk: boundaries },
    rules: { 'hyperdesk/renderer-feature-boundaries': 'error' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
