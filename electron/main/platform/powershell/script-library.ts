import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../shared/ipc/errors';

export interface LoadedScript {
  /** '<feature>/<script>', e.g. 'hosts/get-host-info'. */
  name: string;
  path: string;
  text: string;
}

const NAME = /^([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)$/;

/**
 * The script library: every operation is a shipped .ps1 under
 * <resourcesDir>/electron/main/features/<feature>/scripts/<script>.ps1, found by name. Names are validated,
 * so a caller can never reach outside the library; texts are cached (scripts do not change while we run).
 */
export class ScriptLibrary {
  private readonly cache = new Map<string, LoadedScript>();

  constructor(
    private readonly resourcesDir: string,
    private readonly readText: (path: string) => string = (p) => readFileSync(p, 'utf8'),
  ) {}

  pathOf(name: string): string {
    const m = NAME.exec(name);
    if (!m) throw new AppError('VALIDATION', `Not a script name: ${name.slice(0, 80)}`);
    return join(this.resourcesDir, 'electron', 'main', 'features', m[1]!, 'scripts', `${m[2]}.ps1`);
  }

  load(name: string): LoadedScript {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const path = this.pathOf(name);
    let text: string;
    try {
      text = this.readText(path);
    } catch (err) {
      throw new AppError('NOT_FOUND', `Script ${name} is not in the library (${path})`, { detail: String(err) });
    }
    // A BOM would end up inside the script block text; strip it.
    const script = { name, path, text: text.replace(/^\uFEFF/, '') };
    this.cache.set(name, script);
    return script;
  }
}
