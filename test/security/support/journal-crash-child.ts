/**
 * Child process for journal.test.ts: opens the task service on a data folder (as compose.ts does), starts a
 * new-VM-like task whose work never ends, prints READY once the work has started (so its journal line is on
 * disk) and waits to be killed with SIGKILL. Nothing here finishes the task: only the journal can tell.
 */
import { createTaskService } from '../../../electron/main/features/tasks/tasks.feature';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => process.stderr.write(`${m}\n`) };

async function main(): Promise<void> {
  const dataDir = process.argv[2]!;
  const tasks = await createTaskService({ dataDir, files: nodeStateFiles, log: quiet, emit: () => undefined });
  tasks.start(
    {
      kind: 'vm.create',
      titleKey: 'inventory:taskTitle.create',
      titleValues: { name: 'APP-07' },
      hostId: 'lab',
      vmName: 'APP-07',
      cancellable: false,
      creates: [
        { kind: 'vm', hostId: 'lab', name: 'APP-07' },
        { kind: 'disk', hostId: 'lab', path: 'C:\\VMs\\APP-07.vhdx' },
      ],
    },
    async (ctx) => {
      // New-VM returned its Id (the VM exists now); the rest of the work is cut short by the kill.
      await ctx.created({ kind: 'vm', hostId: 'lab', name: 'APP-07', vmId: '5f0c1d2e-0000-4000-8000-000000000007' });
      process.stdout.write('READY\n');
      await new Promise(() => undefined);
    },
  );
  setInterval(() => undefined, 1000);
}

void main();
