import { z } from 'zod';
import { channel } from '../../ipc/define';

export const ExplainedParameter = z.object({ name: z.string(), type: z.string(), mandatory: z.boolean(), used: z.boolean() });

export const ExplainedSet = z.object({
  name: z.string(),
  isDefault: z.boolean(),
  /** Every parameter the call names binds in this set. */
  matches: z.boolean(),
  parameters: z.array(ExplainedParameter),
});

/** One call of a reference-module cmdlet found in a ledger entry's script. */
export const ExplainedCmdlet = z.object({
  name: z.string(),
  module: z.string(),
  line: z.number().int(),
  text: z.string(),
  parametersUsed: z.array(z.string()),
  /** Parameters passed by splatting (@params) cannot be named statically. */
  splatted: z.boolean(),
  sets: z.array(ExplainedSet),
  docUrl: z.string().nullable(),
});
export type ExplainedCmdlet = z.infer<typeof ExplainedCmdlet>;

export const Explanation = z.object({
  entryId: z.string(),
  script: z.string(),
  cmdlets: z.array(ExplainedCmdlet),
});
export type Explanation = z.infer<typeof Explanation>;

export const runbookChannels = {
  /** Which cmdlets a ledger entry's script uses, each with the parameter sets its call binds to. */
  'runbook.explain': channel(z.object({ entryId: z.string().min(1).max(128) }), Explanation),
  /** A .ps1 runbook replaying the chosen ledger entries in time order (secrets become mandatory parameters). */
  'runbook.export': channel(
    z.object({ entryIds: z.array(z.string().min(1).max(128)).min(1).max(500) }),
    z.object({ fileName: z.string(), text: z.string(), steps: z.number().int() }),
  ),
  /**
   * What "run in terminal" pastes for a ledger entry into one of the caller's terminal tabs: the entry's
   * short command where the script's local path exists (local and lab shells), the script's text as a
   * script block with the same quoted values inside a remote host's session ('inline').
   */
  'runbook.terminalCommand': channel(
    z.object({ entryId: z.string().min(1).max(128), sessionId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }),
    z.object({ text: z.string(), form: z.enum(['path', 'inline']) }),
  ),
};

export const runbookEvents = {};
