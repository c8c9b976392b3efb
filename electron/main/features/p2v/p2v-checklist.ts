import type { ChecklistItem } from '../../../../shared/features/p2v/p2v.contract';
import { psLiteral } from '../../platform/ledger/ps-command';

/**
 * The command shown beside a checklist item, for the admin to paste on the host or in the guest. Built in
 * main with the one quoting function (the renderer never builds PowerShell text), and addressing the VM by
 * its Id: `-VMName` would treat a name's [ ] * ? as wildcards.
 */
export function checklistCommands(vm: { vmId: string }): Partial<Record<ChecklistItem, string>> {
  return {
    'integration-services': `Get-VM -Id ${psLiteral(vm.vmId)} | Get-VMIntegrationService`,
    'stale-drivers': 'pnputil /enum-devices /disconnected',
    activation: 'slmgr /dlv',
    'ip-config': 'Get-NetIPConfiguration',
  };
}
