import { describe, expect, it } from 'vitest';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { memDocumentFiles, recordingLog } from '../documents/mem-document-files';

const record = (id: string) => ({ id, titleKey: 'k', kind: 'k', status: 'succeeded', cancellable: false, startedAt: '2024-01-01T00:00:00.000Z' });
const line = (id: string) => JSON.stringify(record(id));

describe('TaskHistory: unreadable lines', () => {
  it('keeps bad lines aside and reports them, instead of dropping them at the next compaction', async () => {
    const bad = '{"id":"hand-edited","status":42}';
    const files = memDocumentFiles({ '/d/tasks.jsonl': `${line('a')}\n${bad}\n${line('b')}\n{"id":"torn` });
    const log = recordingLog();
    const history = new TaskHistory('/d/tasks.jsonl', files, log, 2, () => 9);
    await history.load();
    expect(history.all().map((r) => r.id)).toEqual(['a', 'b']);
    for (const id of ['c', 'd', 'e', 'f']) await history.add(record(id) as never);
    await history.flush();
    expect(files.data.get('/d/tasks.jsonl.unreadable-9')).toBe(`${bad}\n{"id":"torn\n`);
    expect(history.problem?.keptAt).toBe('/d/tasks.jsonl.unreadable-9');
    expect(log.errors.join('\n')).toMatch(/2 unreadable line\(s\).*\/d\/tasks\.jsonl\.unreadable-9/);
  });

  it('a torn last line does not swallow the next record appended after it', async () => {
    const files = memDocumentFiles({ '/d/tasks.jsonl': `${line('a')}\n{"id":"torn` });
    const history = new TaskHistory('/d/tasks.jsonl', files, recordingLog(), 1000, () => 9);
    await history.load();
    await history.add(record('b') as never);
    const again = new TaskHistory('/d/tasks.jsonl', files, recordingLog(), 1000, () => 10);
    await again.load();
    expect(again.all().map((r) => r.id)).toEqual(['a', 'b']);
    expect(again.problem).toBeUndefined();
  });
});
