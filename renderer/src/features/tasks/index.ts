// The tasks' port for other renderer features: the task store and the task list a panel can embed.
export { longTaskMs, useTasksStore } from '../../stores/tasks.store';
export { TaskList } from './task-list';
