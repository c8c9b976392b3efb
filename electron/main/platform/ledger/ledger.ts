import { LedgerEntry, type LedgerOutcome } from '../../../../shared/features/ledger/ledger.contract';
import type { Logger } from '../../app/logger';
import type { FileOps } from '../sessions/file-ops';

export interface LedgerOptions {
  /** <dataDir>/ledger.jsonl; the previous generation is rotated to ledger.1.jsonl. */
  path: string;
  files: FileOps;
  log: Logger;
  maxInMemory?: number;
  maxFileBytes?: number;
  onAppend?: (entry: LedgerEntry) => void;
}

export interface LedgerFilter {
  hostId?: string;
  script?: string;
  outcome?: LedgerOutcome;
  limit: number;
}

/**
 * The script ledger: every invocation, kept in memory for the session and appended to a JSON-lines file
 * that rotates at maxFileBytes (two generations), so it stays bounded across restarts.
 */
export class Ledger {
  private entries: LedgerEntry[] = [];
  private readonly max: number;
  private readonly maxFileBytes: number;
  private readonly rotated: string;

  constructor(private readonly o: LedgerOptions) {
    this.max = o.maxInMemory ?? 5_000;
    this.maxFileBytes = o.maxFileBytes ?? 4 * 1024 * 1024;
    this.rotated = o.path.replace(/\.jsonl$/, '') + '.1.jsonl';
  }

  /** Loads what previous sessions left (bad lines are skipped with a warning, never fatal). */
  load(): void {
    const loaded: LedgerEntry[] = [];
    let bad = 0;
    for (const path of [this.rotated, this.o.path]) {
      const text = this.o.files.read(path);
      if (!text) continue;
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const parsed = LedgerEntry.safeParse(JSON.parse(line));
          if (parsed.success) loaded.push(parsed.data);
          else bad++;
        } catch {
          bad++;
        }
      }
    }
    if (bad > 0) this.o.log.warn(`ledger: skipped ${bad} unreadable line(s)`);
    this.entries = loaded.slice(-this.max);
  }

  append(entry: LedgerEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    try {
      if (this.o.files.size(this.o.path) > this.maxFileBytes) {
        this.o.files.remove(this.rotated);
        this.o.files.rename(this.o.path, this.rotated);
      }
      this.o.files.append(this.o.path, JSON.stringify(entry) + '\n');
    } catch (err) {
      // The in-memory ledger still has it; losing persistence must not fail the script call.
      this.o.log.error('ledger: could not persist an entry', err);
    }
    this.o.onAppend?.(entry);
  }

  /** Newest first. */
  list(filter: LedgerFilter): LedgerEntry[] {
    const out: LedgerEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < filter.limit; i--) {
      const e = this.entries[i]!;
      if (filter.hostId && e.hostId !== filter.hostId) continue;
      if (filter.script && e.script !== filter.script) continue;
      if (filter.outcome && e.outcome !== filter.outcome) continue;
      out.push(e);
    }
    return out;
  }
}
