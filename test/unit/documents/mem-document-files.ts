import type { Logger } from '../../../electron/main/app/logger';
import type { StateFiles } from '../../../electron/main/platform/documents/atomic-file';

/** The data folder in memory, for unit tests of state stores. */
export function memDocumentFiles(initial: Record<string, string> = {}): StateFiles & { data: Map<string, string>; atomicWrites: number } {
  const data = new Map(Object.entries(initial));
  const files = {
    data,
    atomicWrites: 0,
    read: async (f: string) => data.get(f) ?? null,
    async writeAtomic(f: string, d: string) {
      files.atomicWrites++;
      data.set(f, d);
    },
    append: async (f: string, d: string) => void data.set(f, (data.get(f) ?? '') + d),
    exists: async (f: string) => data.has(f),
    async rename(from: string, to: string) {
      const text = data.get(from);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${from}`), { code: 'ENOENT' });
      data.set(to, text);
      data.delete(from);
    },
  };
  return files;
}

export function recordingLog(): Logger & { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  return {
    errors,
    warnings,
    info: () => undefined,
    warn: (msg: string) => void warnings.push(msg),
    error: (msg: string) => void errors.push(msg),
  };
}
