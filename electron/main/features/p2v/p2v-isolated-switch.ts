import { z } from 'zod';
import { psLiteral } from '../../platform/ledger/ps-command';
import { defineScript } from '../../platform/scripts/script-def';

/** Removes the isolated first-boot switch when no VM uses it (p2v/remove-isolated-switch.ps1). */
export const removeIsolatedSwitchScript = defineScript({
  display: (p: { SwitchName: string }) => [
    `$switch = Get-VMSwitch -SwitchType Private | Where-Object { $_.Name -eq ${psLiteral(p.SwitchName)} }`,
    '# only when no VM is connected to it: Get-VMNetworkAdapter -All | Where-Object { $_.SwitchId -eq $switch.Id }',
    'Remove-VMSwitch -VMSwitch $switch -Force',
  ],
  name: 'p2v/remove-isolated-switch',
  params: z.object({ SwitchName: z.string().min(1) }),
  result: z.object({ found: z.number().int(), removed: z.number().int(), usedBy: z.array(z.string()) }),
  lane: 'op',
  timeoutMs: 60_000,
});
