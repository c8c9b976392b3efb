import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CanaryCommands } from './corpus';

/**
 * The canary method: a payload's code, if PowerShell ever executes it, creates `fired-<id>` in a folder of
 * this run, so execution is a file on disk, not something a test has to infer from output. The folder's path
 * has no spaces or quotes, so the canary command works in every context the corpus puts it in (bare, inside
 * double quotes, inside a sub-expression). `using module` payloads point at a module whose import fires.
 */
export class Canary implements CanaryCommands {
  readonly dir: string;
  private readonly fires: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'hd-canary-'));
    this.fires = join(this.dir, 'fired');
    mkdirSync(this.fires);
    if (/[^A-Za-z0-9/_.-]/.test(this.dir)) throw new Error(`canary folder needs a plain path: ${this.dir}`);
  }

  fire(id: string): string {
    return `New-Item -ItemType File -Force -Path ${this.fires}/${id}`;
  }

  usingModule(id: string): string {
    const path = join(this.dir, `evil-${id}.psm1`);
    writeFileSync(path, `New-Item -ItemType File -Force -Path ${this.fires}/${id} | Out-Null\n`);
    return path;
  }

  /** Ids of the payloads that ran since the last reset. */
  fired(): string[] {
    return readdirSync(this.fires).sort();
  }

  reset(): void {
    for (const f of readdirSync(this.fires)) rmSync(join(this.fires, f), { force: true });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
