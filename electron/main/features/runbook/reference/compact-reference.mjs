// Derives cmdlet-sets.json (what "explain" needs: modules, parameter sets, parameter names, aliases,
// mandatory flags, types) from the full reference test/support/reference/hyperv-cmdlets.json, so main
// bundles ~10% of the data. Run: node electron/main/features/runbook/reference/compact-reference.mjs
// A unit test (test/unit/terminal/runbook.test.ts, 'compact reference') fails when the two drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function compact(full) {
  const out = {};
  for (const [module, cmdlets] of Object.entries(full)) {
    for (const [name, def] of Object.entries(cmdlets)) {
      const sets = {};
      for (const [set, params] of Object.entries(def.parameterSets ?? {})) {
        sets[set] = params.map((p) => {
          const row = { n: p.name, t: p.type };
          if (p.mandatory) row.m = 1;
          if (p.aliases && p.aliases.length) row.a = p.aliases;
          return row;
        });
      }
      out[name] = { module, sets, ...(def.defaultParameterSet ? { d: def.defaultParameterSet } : {}), ...(def.aliasOf ? { aliasOf: def.aliasOf } : {}) };
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, '..', '..', '..', '..', '..');
  const full = JSON.parse(readFileSync(join(root, 'test', 'support', 'reference', 'hyperv-cmdlets.json'), 'utf8'));
  writeFileSync(join(here, 'cmdlet-sets.json'), JSON.stringify(compact(full)) + '\n');
}
