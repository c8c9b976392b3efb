import type { StateFiles } from '../../../electron/main/platform/documents/atomic-file';
import type { CheckpointScriptRunner, ScriptRunOptions } from '../../../electron/main/features/checkpoints/checkpoint-scripts';
import { AppError } from '../../../shared/ipc/errors';

export interface Call {
  hostId: string;
  script: string;
  args: Record<string, unknown>;
}

type Responder = (args: Record<string, unknown>, hostId: string) => unknown;

/** A script runner that answers from per-script responders and records every call (order kept). */
export class FakeRunner implements CheckpointScriptRunner {
  readonly calls: Call[] = [];
  private seq = 0;
  constructor(private readonly responders: Record<string, Responder>) {}

  async run<T>(hostId: string, script: string, args: Record<string, unknown>, opts: ScriptRunOptions<T>) {
    this.calls.push({ hostId, script, args });
    const respond = this.responders[script];
    if (!respond) throw new AppError('NOT_FOUND', `no responder for ${script}`);
    const raw = respond(args, hostId);
    return { value: opts.schema.parse(raw), ledgerId: `L${++this.seq}` };
  }

  scripts(): string[] {
    return this.calls.map((c) => c.script.replace('checkpoints/', ''));
  }
}

export function memoryFiles(): StateFiles & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    read: async (f) => data.get(f) ?? null,
    writeAtomic: async (f, d) => void data.set(f, d),
    append: async (f, d) => void data.set(f, (data.get(f) ?? '') + d),
  };
}

export const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
