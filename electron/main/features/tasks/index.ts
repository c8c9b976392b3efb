import { defineFeature } from '../../platform/feature';
import type { TaskService } from '../../platform/tasks/tasks.port';
import { createTaskService, createTasksFeature, type TaskServiceDeps } from './tasks.feature';

/** The task queue's channels; its port is the TaskService every mutating feature runs its work through. */
export const tasksFeature = defineFeature<TaskServiceDeps, TaskService>({
  name: 'tasks',
  async create(d) {
    const tasks = await createTaskService(d);
    return { ...createTasksFeature(tasks), port: tasks };
  },
});
