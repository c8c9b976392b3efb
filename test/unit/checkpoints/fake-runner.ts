import type { StateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { checkScriptAnswer, checkScriptParams } from '../../../electron/main/platform/scripts/script-answer';
import type { ScriptDef } from '../../../electron/main/platform/scripts/script-def';
import type { HostScripts, ScriptRunner } from '../../../electron/main/platform/scripts/script-runner';
import { AppError } from '../../../shared/ipc/errors';

export interface Call {
  hostId: string;
  script: string;
  args: Record<string, unknown>;
}

type Responder = (args: Record<string, unknown>, hostId: string) => unknown;

/**
 * HostScripts that answer from per-script responders and record every call (order kept). Params and answers are
 * checked with the definition, as the real session layer does.
 */
export class FakeRunner implements HostScripts {
  readonly calls: Call[] = [];
  private seq = 0;
  constructor(private readonly responders: Record<string, Responder>) {}

  on(hostId: string): ScriptRunner {
    return {
      run: async <P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P) => {
        const args = checkScriptParams(def.name, params, def.params) as Record<string, unknown>;
        this.calls.push({ hostId, script: def.name, args });
        const respond = this.responders[def.name];
        if (!respond) throw new AppError('NOT_FOUND', `no responder for ${def.name}`);
        const raw = respond(args, hostId);
        return { value: checkScriptAnswer(def.name, hostId, raw, def.result, hostId), ledgerId: `L${++this.seq}` };
      },
    };
  }

  async hostIds(): Promise<string[]> {
    return [...new Set(this.calls.map((c) => c.hostId))];
  }

  onHostsChanged(): () => void {
    return () => undefined;
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
    exists: async (f) => data.has(f),
    rename: async (from, to) => {
      data.set(to, data.get(from)!);
      data.delete(from);
    },
  };
}

export const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
