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

async function rendererErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'hyperdesk/renderer-feature-boundaries').map((m) => m.message);
}

describe('renderer feature lint rules', () => {
  it("refuse a renderer feature's reach into another feature's internals", async () => {
    const errors = await rendererErrors('renderer/src/features/p2v/x.tsx', "import { formatBytes } from '../inventory/format';\nexport const f = formatBytes;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/only through its port: import from features\/inventory/);
  });

  it("refuse another feature's store and the app shell", async () => {
    const store = await rendererErrors('renderer/src/features/hosts/x.tsx', "import { useInventoryStore } from '../../stores/inventory.store';\nexport const s = useInventoryStore;\n");
    expect(store).toHaveLength(1);
    expect(store[0]).toMatch(/belongs to another feature/);
    const shell = await rendererErrors('renderer/src/features/checkpoints/x.ts', "import { useShellStore } from '../../app/shell.store';\nexport const s = useShellStore;\n");
    expect(shell).toHaveLength(1);
    expect(shell[0]).toMatch(/is not one of them/);
    expect(await rendererErrors('renderer/src/features/console/x.ts', "export const m = () => import('../terminal/terminal.store');\n")).toHaveLength(1);
  });

  it('allow the renderer platform, its own store, shared/, its own folder and another feature through its index.ts', async () => {
    const code = [
      "import { api } from '../../api/client';",
      "import { useHosts } from '../../query/hosts';",
      "import { Dialog } from '../../ui/dialog';",
      "import { useNavigation } from '../../ui/navigation';",
      "import i18n from '../../i18n/i18n';",
      "import { useInventoryStore } from '../../stores/inventory.store';",
      "import { vmKey } from '../../../../shared/platform/vm-ref';",
      "import { VmDetailsPanel } from '../vm-details';",
      "import { useTasksStore } from '../tasks/index';",
      "import { x } from './own';",
      'export const all = [api, useHosts, Dialog, useNavigation, i18n, useInventoryStore, vmKey, VmDetailsPanel, useTasksStore, x];',
      '',
    ].join('\n');
    expect(await rendererErrors('renderer/src/features/inventory/x.tsx', code)).toEqual([]);
  });
});
