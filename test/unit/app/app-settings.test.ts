import { describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../../shared/features/app/app-settings.schema';
import { AppError } from '../../../shared/ipc/errors';
import { AppSettingsStore } from '../../../electron/main/features/app/app-settings.document';
import { createAppFeature } from '../../../electron/main/features/app/app.feature';
import { InventoryCache } from '../../../electron/main/features/inventory/inventory-cache';
import { InventoryService } from '../../../electron/main/features/inventory/inventory.service';
import { DocumentProblems } from '../../../electron/main/platform/documents/document-problems';
import type { CallContext } from '../../../electron/main/platform/ipc/handlers';
import type { HostScripts } from '../../../electron/main/platform/scripts/script-runner';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { ManualClock } from '../../support/manual-clock';
import { memDocumentFiles, recordingLog } from '../documents/mem-document-files';
import { memFiles, quiet } from '../inventory/fakes';

const ctx: CallContext = { signal: new AbortController().signal, clientId: 'test' };
const FILE = '/d/app-settings.json';

describe('app settings (app-settings.json)', () => {
  it('starts from the defaults, persists a change atomically and reads it back after a restart', async () => {
    const files = memDocumentFiles();
    const store = new AppSettingsStore(FILE, files, recordingLog());
    expect(await store.load()).toEqual(defaultAppSettings);
    const seen: string[] = [];
    store.onChange((s) => seen.push(s.theme));
    await store.update({ theme: 'dark', refreshSeconds: 30 });
    expect(seen).toEqual(['dark']);
    expect(JSON.parse(files.data.get(FILE)!)).toEqual({ ...defaultAppSettings, version: 1, theme: 'dark', refreshSeconds: 30 });
    const again = new AppSettingsStore(FILE, files, recordingLog());
    expect(await again.load()).toEqual({ ...defaultAppSettings, theme: 'dark', refreshSeconds: 30 });
  });

  it('refuses values outside their bounds and unknown keys, and writes nothing', async () => {
    const files = memDocumentFiles();
    const store = new AppSettingsStore(FILE, files, recordingLog());
    await store.load();
    for (const bad of [{ refreshSeconds: 1 }, { refreshSeconds: 601 }, { refreshSeconds: 2.5 }, { taskHistoryCount: 5 }, { taskHistoryDays: 0 }, { theme: 'blue' }, { colour: 'red' }]) {
      const err = await store.update(bad as never).catch((e: unknown) => e);
      expect(err, JSON.stringify(bad)).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION');
    }
    expect(files.atomicWrites).toBe(0);
    expect(store.current()).toEqual(defaultAppSettings);
  });

  it('an unreadable settings file is kept aside, reported, and the defaults apply', async () => {
    const problems = new DocumentProblems();
    const files = { ...memDocumentFiles({ [FILE]: '{"version":1,"theme":"dark","refreshSeconds":"fast"}' }), problems };
    const store = new AppSettingsStore(FILE, files, recordingLog(), () => 3);
    expect(await store.load()).toEqual(defaultAppSettings);
    expect(problems.list().map((p) => p.keptAt)).toEqual([`${FILE}.unreadable-3`]);
  });

  it('app.setSettings answers with what main applies, and app.resetLab shares one run and fails loudly', async () => {
    let pollMs = 4000;
    let resets = 0;
    let changed = 0;
    const feature = await createAppFeature({
      version: '1', mode: 'browser', dataDir: '/d', problems: new DocumentProblems(), files: memDocumentFiles(), log: recordingLog(),
      emitSettingsChanged: () => changed++,
      inEffect: () => ({ inventoryPollMs: pollMs }),
      lab: { command: "pwsh -File 'new-lab.ps1' -Force", reset: async () => (resets++ === 0 ? ['HV-LAB01', 'HV-LAB02'] : []) },
    });
    feature.port.onSettingsChanged((s) => (pollMs = s.refreshSeconds * 1000));
    const answer = await feature.handlers['app.setSettings']!({ refreshSeconds: 9 }, ctx);
    expect(answer.settings.refreshSeconds).toBe(9);
    expect(answer.inEffect).toEqual({ inventoryPollMs: 9000 });
    expect(answer.labResetCommand).toContain('-Force');
    expect(changed).toBe(1);
    const [a, b] = await Promise.all([feature.handlers['app.resetLab']!({}, ctx), feature.handlers['app.resetLab']!({}, ctx)]);
    expect(a).toEqual({ hosts: ['HV-LAB01', 'HV-LAB02'] });
    expect(b).toEqual(a);
    expect(resets).toBe(1);
    await expect(feature.handlers['app.resetLab']!({}, ctx)).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('settings applied', () => {
  it('a new refresh interval re-arms the running inventory poll', async () => {
    const reads: number[] = [];
    const clock = new ManualClock();
    const hosts: HostScripts = {
      on: () => ({ run: async () => (reads.push(clock.now()), { value: { vms: [] } }) as never }),
      hostIds: async () => ['h1'],
      onHostsChanged: () => () => undefined,
    };
    const cache = new InventoryCache('/d/inventory-cache.json', memFiles(), quiet, 0);
    await cache.load();
    const svc = new InventoryService({ hosts, cache, emitChanged: () => undefined, log: quiet, clock, pollIntervalMs: 4000 });
    const settle = () => new Promise((r) => setTimeout(r, 0));
    svc.watchers.open('c1', 'all');
    clock.advance(4000);
    await settle();
    expect(reads).toHaveLength(1);
    svc.setPollInterval(30_000);
    expect(svc.intervalMs).toBe(30_000);
    svc.watchers.renew('c1', 'all');
    clock.advance(12_000);
    await settle();
    expect(reads).toHaveLength(1); // the old 4 s period no longer fires
    for (let i = 0; i < 3; i++) {
      svc.watchers.renew('c1', 'all');
      clock.advance(6_000);
    }
    await settle();
    expect(reads).toHaveLength(2);
    expect(() => svc.setPollInterval(10)).toThrow(/below 1 s/);
    await svc.dispose();
  });

  it('task history keeps the count and the days the user chose', async () => {
    const now = Date.UTC(2026, 5, 1);
    const rec = (id: string, daysAgo: number) => ({ id, titleKey: 'k', kind: 'k', status: 'succeeded', cancellable: false, startedAt: new Date(now - daysAgo * 86_400_000).toISOString() });
    const retention = { count: 3, days: 10 };
    const history = new TaskHistory('/d/tasks.jsonl', memDocumentFiles(), recordingLog(), 1000, () => now, () => retention);
    await history.load();
    for (const [id, ago] of [['old', 40], ['a', 5], ['b', 4], ['c', 3], ['d', 2]] as const) await history.add(rec(id, ago) as never);
    expect(history.all().map((r) => r.id)).toEqual(['b', 'c', 'd']);
    retention.days = 3;
    expect(history.all().map((r) => r.id)).toEqual(['c', 'd']);
  });
});
