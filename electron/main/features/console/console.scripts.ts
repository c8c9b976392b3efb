import { z } from 'zod';
import { VmGuid } from '../../../../shared/features/console/console.contract';
import { defineScript } from '../../platform/scripts/script-def';
import { consoleDisplay } from './console.display';

/*
 * Every console .ps1 as a typed operation (params as its param() block binds them, the answer it prints). The
 * session layer validates the answer, so a host that answers the wrong shape is PS_ERROR naming script and host.
 * Everything but power-on uses the read lane: frames and input are small and latency-bound, and the per-host gate
 * (host-gate.ts) keeps frame polls to one read session; starting a VM is a change that can take a minute.
 */

/** The scripts splice the id into a WQL filter after [guid]::Parse: main passes nothing but a GUID either. */
const VmId = VmGuid;

export const consoleInfoScript = defineScript({
  name: 'console/get-console-info',
  params: z.object({ VmId }),
  // Discriminated on `found`, so a wrong answer is reported at the field that is wrong, not as "(root)".
  result: z.discriminatedUnion('found', [
    z.object({ found: z.literal(false) }),
    z.object({
      found: z.literal(true),
      name: z.string(),
      enabledState: z.number(),
      width: z.number().int(),
      height: z.number().int(),
      keyboard: z.boolean(),
      unicode: z.boolean(),
      layout: z.string(),
      mouse: z.boolean(),
    }),
  ]),
  lane: 'read',
  timeoutMs: 15_000,
  display: consoleDisplay.info,
});

/** One frame (or "unchanged" when the screen's hash equals PreviousHash). Polled many times a second: ledgered only when it fails. */
export const consoleFrameScript = defineScript({
  name: 'console/get-console-frame',
  params: z.object({ VmId, PreviousHash: z.string() }),
  // Discriminated on `found`, so a wrong answer is reported at the field that is wrong, not as "(root)".
  result: z.discriminatedUnion('found', [
    z.object({ found: z.literal(false) }),
    z.object({
      found: z.literal(true),
      name: z.string(),
      state: z.enum(['Running', 'Off', 'Saved', 'Paused', 'Starting', 'Stopping', 'Other']),
      width: z.number().int(),
      height: z.number().int(),
      unchanged: z.boolean(),
      hash: z.string(),
      data: z.string(),
      encoding: z.literal('gzip-base64').optional(),
      noPicture: z.boolean().optional(),
    }),
  ]),
  lane: 'read',
  record: 'errors',
  timeoutMs: 10_000,
  display: consoleDisplay.frame,
});

export const listConsoleVmsScript = defineScript({
  name: 'console/list-console-vms',
  params: z.object({}),
  result: z.object({ vms: z.array(z.object({ vmId: z.string(), name: z.string(), state: z.string() })) }),
  lane: 'read',
  timeoutMs: 30_000,
  display: consoleDisplay.list,
});

/** OpsJson: the planned Msvm_Keyboard calls (key-ops.ts), as JSON text the script parses. */
export const sendConsoleKeysScript = defineScript({
  name: 'console/send-console-keys',
  params: z.object({ VmId, OpsJson: z.string() }),
  result: z.object({ sent: z.number().int(), notSent: z.array(z.string()) }),
  lane: 'read',
  timeoutMs: 30_000,
  display: consoleDisplay.keys,
});

export const sendConsoleMouseScript = defineScript({
  name: 'console/send-console-mouse',
  params: z.object({ VmId, X: z.number().int(), Y: z.number().int(), Action: z.enum(['move', 'click', 'down', 'up']), Button: z.number().int().min(1).max(5) }),
  result: z.object({ done: z.boolean() }),
  lane: 'read',
  timeoutMs: 10_000,
  display: consoleDisplay.mouse,
});

export const startConsoleVmScript = defineScript({
  name: 'console/start-console-vm',
  params: z.object({ VmId }),
  result: z.object({ state: z.string() }),
  lane: 'op',
  timeoutMs: 120_000,
  display: consoleDisplay.start,
});
