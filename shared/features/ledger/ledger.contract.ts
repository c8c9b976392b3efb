import { z } from 'zod';
import { channel, event } from '../../ipc/define';

export const LedgerOutcome = z.enum(['ok', 'error', 'timeout', 'cancelled']);
export type LedgerOutcome = z.infer<typeof LedgerOutcome>;

/** One script invocation, as the "View PowerShell" panel shows it. */
export const LedgerEntry = z.object({
  id: z.string(),
  hostId: z.string(),
  script: z.string(),
  /** Bound parameters, secrets replaced by '***'. */
  params: z.record(z.string(), z.unknown()),
  /**
   * The cmdlets an admin would type for this call, with names, one per line (quoted, secrets redacted), as a
   * terminal on this machine runs them (`Invoke-Command -ComputerName <host> { ... }` for a remote host). Never a
   * path of the Hyperdesk machine.
   */
  command: z.string(),
  /** The script's own call, `<script>.ps1 -Param 'value'` (its text is one click away: ledger.script). */
  scriptCall: z.string().optional(),
  startedAt: z.string(),
  durationMs: z.number(),
  outcome: LedgerOutcome,
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  warnings: z.array(z.string()),
  verbose: z.array(z.string()).optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.object({
  hostId: z.string().optional(),
  script: z.string().optional(),
  outcome: LedgerOutcome.optional(),
  limit: z.number().int().min(1).max(5000).default(200),
});

export const ledgerChannels = {
  /** Newest first. */
  'ledger.list': channel(LedgerQuery, z.object({ entries: z.array(LedgerEntry) })),
  /** The full text of the script an entry ran ("Show full script"), with its call. */
  'ledger.script': channel(z.object({ entryId: z.string().min(1).max(100) }), z.object({ script: z.string(), call: z.string(), text: z.string() })),
};

export const ledgerEvents = {
  'ledger.appended': event(z.object({ id: z.string(), hostId: z.string(), script: z.string(), outcome: LedgerOutcome })),
};
