import { describe, expect, it } from 'vitest';
import { createAppFeature } from '../../../electron/main/features/app/app.feature';
import { InventoryPrefsStore } from '../../../electron/main/features/inventory/inventory-prefs.document';
import { DocumentProblems } from '../../../electron/main/platform/documents/document-problems';
import type { CallContext } from '../../../electron/main/platform/ipc/handlers';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { memDocumentFiles, recordingLog } from '../documents/mem-document-files';

const ctx: CallContext = { signal: new AbortController().signal, clientId: 'test' };

/** The app feature over a problems registry, with files whose stores report to it (as compose.ts wires them). */
async function app(initial: Record<string, string>) {
  let changes = 0;
  const problems = new DocumentProblems(() => changes++);
  const files = { ...memDocumentFiles(initial), problems };
  const feature = await createAppFeature({
    version: '1.0.0', mode: 'browser', dataDir: '/d', problems, files, log: recordingLog(),
    emitSettingsChanged: () => undefined, inEffect: () => ({ inventoryPollMs: null }), lab: null,
  });
  const list = async () => (await feature.handlers['app.problems']!({}, ctx)).problems;
  return { files, feature, list, changes: () => changes };
}

describe('app.problems: state files set aside reach the user', () => {
  it('lists a corrupt prefs file with where the original was kept, once, until dismissed', async () => {
    const a = await app({ '/d/inventory-prefs.json': '{"version":2,"tags":{' });
    expect(await a.list()).toEqual([]);
    const prefs = new InventoryPrefsStore('/d/inventory-prefs.json', a.files, recordingLog(), () => 77);
    await prefs.load();
    expect(await a.list()).toEqual([{ file: '/d/inventory-prefs.json', keptAt: '/d/inventory-prefs.json.unreadable-77', reason: expect.stringMatching(/^not JSON/) }]);
    expect(a.files.data.get('/d/inventory-prefs.json.unreadable-77')).toBe('{"version":2,"tags":{');
    expect(a.changes()).toBe(1);

    await prefs.load(); // a second read reports nothing new
    expect(await a.list()).toHaveLength(1);

    expect(await a.feature.handlers['app.dismissProblem']!({ keptAt: '/d/inventory-prefs.json.unreadable-77' }, ctx)).toEqual({ dismissed: true });
    expect(await a.list()).toEqual([]);
    expect(a.changes()).toBe(2);
    expect(await a.feature.handlers['app.dismissProblem']!({ keptAt: '/d/inventory-prefs.json.unreadable-77' }, ctx)).toEqual({ dismissed: false });
  });

  it("lists tasks.jsonl's unreadable lines beside the documents", async () => {
    const good = JSON.stringify({ id: 'a', titleKey: 'k', kind: 'k', status: 'succeeded', cancellable: false, startedAt: '2024-01-01T00:00:00.000Z' });
    const a = await app({ '/d/tasks.jsonl': `${good}\n{"id":"torn\n`, '/d/inventory-prefs.json': '{"version":9}' });
    await new TaskHistory('/d/tasks.jsonl', a.files, recordingLog(), 100, () => 5).load();
    await new InventoryPrefsStore('/d/inventory-prefs.json', a.files, recordingLog(), () => 6).load();
    const listed = await a.list();
    expect(listed.map((p) => [p.file, p.keptAt])).toEqual([
      ['/d/tasks.jsonl', '/d/tasks.jsonl.unreadable-5'],
      ['/d/inventory-prefs.json', '/d/inventory-prefs.json.unreadable-6'],
    ]);
    expect(listed[1]!.reason).toMatch(/newer Hyperdesk/);
  });

  it('lists nothing for readable files', async () => {
    const a = await app({ '/d/inventory-prefs.json': '{"version":2,"tags":{},"views":[]}' });
    await new InventoryPrefsStore('/d/inventory-prefs.json', a.files, recordingLog()).load();
    expect(await a.list()).toEqual([]);
    expect(a.changes()).toBe(0);
  });
});
