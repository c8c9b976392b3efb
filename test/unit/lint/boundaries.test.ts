import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints code as if it stood at a path in the repo, with the project's own eslint.config.mjs.
const eslint = new ESLint({ cwd: process.cwd() });
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'hyperdesk/feature-boundaries').map((m) => m.message);
}

describe('layering lint rules', () => {
  it('refuse a platform import of a feature', async () => {
    const errors = await boundaryErrors('electron/main/platform/scripts/x.ts', "import { a } from '../../features/inventory/index';\nexport const b = a;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/platform never imports a feature/);
  });

  it('refuse a platform import of the app shell or adapters, but allow the logger', async () => {
    expect(await boundaryErrors('electron/main/platform/ipc/x.ts', "import { a } from '../../desktop/desktop-app';\nexport const b = a;\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/main/platform/ipc/x.ts', "import { createLogger } from '../../app/logger';\nexport const b = createLogger;\n")).toEqual([]);
  });

  it("refuse a feature's reach into another feature's internals", async () => {
    const errors = await boundaryErrors('electron/main/features/checkpoints/x.ts', "import { a } from '../inventory/inventory.service';\nexport const b = a;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/only through its port/);
  });

  it("allow another feature's port, the platform, shared/ and the feature's own folder", async () => {
    const code = [
      "import { a } from '../inventory';",
      "import { b } from '../inventory/index';",
      "import { c } from '../../platform/time/clock';",
      "import { d } from '../../../../shared/ipc/errors';",
      "import { e } from './own-file';",
      'export const all = [a, b, c, d, e];',
      '',
    ].join('\n');
    expect(await boundaryErrors('electron/main/features/checkpoints/x.ts', code)).toEqual([]);
  });

  it('refuse a feature import of the app shell, and dynamic imports and re-exports alike', async () => {
    expect(await boundaryErrors('electron/main/features/console/x.ts', "import { composeApp } from '../../app/compose';\nexport const b = composeApp;\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/main/features/console/x.ts', "export { a } from '../p2v/p2v.service';\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/main/features/console/x.ts', "export const m = () => import('../p2v/p2v.service');\n")).toHaveLength(1);
  });

  it('let the composition root plug features in through their definitions only', async () => {
    expect(await boundaryErrors('electron/main/app/compose.ts', "import { inventoryFeature } from '../features/inventory';\nexport const a = inventoryFeature;\n")).toEqual([]);
    expect(await boundaryErrors('electron/main/app/compose.ts', "import { InventoryService } from '../features/inventory/inventory.service';\nexport const a = InventoryService;\n")).toHaveLength(1);
  });
});
