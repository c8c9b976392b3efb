import { join } from 'node:path';
import type { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import type { Logger } from '../../app/logger';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { StateFiles } from '../../platform/documents/atomic-file';
import { TaskHistory } from '../../platform/tasks/task-history';
import { TaskJournal } from '../../platform/tasks/task-journal';
import { TaskServiceImpl } from '../../platform/tasks/tasks.service';

/** Builds the task service (history loaded from <dataDir>/tasks.jsonl) for compose.ts to share with every feature. */
export interface TaskServiceDeps {
  dataDir: string;
  files: StateFiles;
  log: Logger;
  emit(record: TaskRecord): void;
  /** How much finished history to keep (Settings), read at each load and append. */
  retention?: () => { count: number; days: number };
}

export async function createTaskService(d: TaskServiceDeps): Promise<TaskServiceImpl> {
  const history = new TaskHistory(join(d.dataDir, 'tasks.jsonl'), d.files, d.log, undefined, undefined, d.retention);
  await history.load();
  // Tasks a crash cut short come back 'interrupted', naming what they set out to create.
  const journal = new TaskJournal(join(d.dataDir, 'tasks-journal.jsonl'), d.files, d.log);
  const interrupted = await journal.recover(new Set(history.all().map((r) => r.id)));
  for (const record of interrupted) {
    d.log.warn(`task ${record.id} (${record.kind}) was interrupted by the last shutdown; it may have left: ${JSON.stringify(record.creates)}`);
    await history.add(record);
  }
  return new TaskServiceImpl({ history, journal, emit: d.emit, log: d.log });
}

export function createTasksFeature(tasks: TaskServiceImpl): FeatureModule {
  return {
    name: 'tasks',
    handlers: {
      'tasks.list': ({ vmId, hostId, limit }) => tasks.list({ vmId, hostId, limit }),
      'tasks.cancel': ({ id }) => ({ cancelled: tasks.cancel(id) }),
    },
    dispose: () => tasks.dispose(),
  };
}
