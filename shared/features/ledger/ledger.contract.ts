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
  /** The equivalent one-line PowerShell a user could paste on the host (quoted, secrets redacted). */
  command: z.string(),
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
};

export const ledgerEvents = {
  'ledger.appended': event(z.object({ id: z.string(), hostId: z.string(), script: z.string(), outcome: LedgerOutcome })),
};
