// The floor's layering as a lint rule (eslint.config.mjs turns it on for electron/main):
// - electron/main/platform/** never imports a feature, the app shell or the desktop/web adapters;
// - electron/main/app/** (the composition root) reaches a feature only through its definition (index.ts);
// - electron/main/features/<x>/** imports the platform, shared/, and its own folder; another feature only
//   through that feature's port (features/<y>/index.ts); never the app shell or the adapters.
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const MAIN = 'electron/main/';

function zoneOf(rel) {
  if (!rel.startsWith(MAIN)) return { kind: 'outside' };
  const rest = rel.slice(MAIN.length).split('/');
  if (rest[0] === 'platform') return { kind: 'platform' };
  if (rest[0] === 'features') return { kind: 'feature', name: rest[1], tail: rest.slice(2).join('/') };
  return { kind: 'other', name: rest[0] };
}

const isPort = (tail) => tail === '' || tail === 'index' || tail === 'index.ts';

/** @type {import('eslint').Rule.RuleModule} */
const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'platform never imports features; a feature reaches another only through its index.ts port' },
    schema: [],
    messages: {
      platformToFeature: 'The platform never imports a feature ({{target}}): invert it with a port the feature implements.',
      platformToApp: 'The platform never imports {{target}}: only the composition root wires adapters.',
      featureReach: 'A feature reaches another only through its port: import from features/{{name}} (its index.ts), not {{target}}.',
      featureToApp: 'A feature imports the platform, shared/ and its own folder; {{target}} is not one of them.',
    },
  },
  create(context) {
    const file = path.relative(repoRoot, context.filename).split(path.sep).join('/');
    const from = zoneOf(file);
    const fromRoot = from.kind === 'other' && from.name === 'app'; // the composition root
    if (from.kind !== 'platform' && from.kind !== 'feature' && !fromRoot) return {};
    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.(ts|tsx)$/, '');
      const to = zoneOf(target);
      if (to.kind === 'outside' || to.kind === 'platform') return;
      if (fromRoot) {
        // compose.ts plugs features in through their definitions only.
        if (to.kind === 'feature' && !isPort(to.tail)) context.report({ node, messageId: 'featureReach', data: { name: to.name, target } });
        return;
      }
      // The logger is the one piece of app/ everything uses.
      if (to.kind === 'other' && target === 'electron/main/app/logger') return;
      if (from.kind === 'platform') {
        context.report({ node, messageId: to.kind === 'feature' ? 'platformToFeature' : 'platformToApp', data: { target } });
        return;
      }
      if (to.kind === 'feature') {
        if (to.name === from.name || isPort(to.tail)) return;
        context.report({ node, messageId: 'featureReach', data: { name: to.name, target } });
        return;
      }
      context.report({ node, messageId: 'featureToApp', data: { target } });
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

const FEATURES = 'renderer/src/features/';
/** The renderer's platform folders: every feature may use them. */
const rendererPlatform = ['renderer/src/api/', 'renderer/src/query/', 'renderer/src/ui/', 'renderer/src/i18n/'];

/**
 * The same layering for the renderer: a feature (renderer/src/features/<x>/**) imports the renderer platform
 * (api, query, ui, i18n), the stores it owns (renderer/src/stores/<x>.store.ts), shared/ and its own folder;
 * another feature only through that feature's port (features/<y>/index.ts); never the app shell (renderer/src/app).
 */
/** @type {import('eslint').Rule.RuleModule} */
const rendererFeatureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'a renderer feature imports the renderer platform, its own stores, shared/ and its folder; another feature only through its index.ts' },
    schema: [],
    messages: {
      featureReach: 'A renderer feature reaches another only through its port: import from features/{{name}} (its index.ts), not {{target}}.',
      foreignStore: '{{target}} belongs to another feature: use that feature\'s port (features/<x>/index.ts).',
      outside: 'A renderer feature imports api, query, ui, i18n, its own stores, shared/ and its own folder; {{target}} is not one of them.',
    },
  },
  create(context) {
    const file = path.relative(repoRoot, context.filename).split(path.sep).join('/');
    if (!file.startsWith(FEATURES)) return {};
    const own = file.slice(FEATURES.length).split('/')[0];
    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.(ts|tsx)$/, '');
      if (target.startsWith('shared/') || rendererPlatform.some((p) => target.startsWith(p))) return;
      if (target.startsWith(FEATURES)) {
        const [name, ...tail] = target.slice(FEATURES.length).split('/');
        if (name === own || isPort(tail.join('/'))) return;
        context.report({ node, messageId: 'featureReach', data: { name, target } });
        return;
      }
      if (target.startsWith('renderer/src/stores/')) {
        const store = target.slice('renderer/src/stores/'.length);
        if (store.startsWith(`${own}.`)) return;
        context.report({ node, messageId: 'foreignStore', data: { target } });
        return;
      }
      context.report({ node, messageId: 'outside', data: { target } });
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'feature-boundaries': featureBoundaries, 'renderer-feature-boundaries': rendererFeatureBoundaries } };
