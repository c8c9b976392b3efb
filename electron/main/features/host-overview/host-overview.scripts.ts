import { z } from 'zod';
import { HostOverview, HostSample } from '../../../../shared/features/host-overview/host-overview.contract';
import { defineScript } from '../../platform/scripts/script-def';

const noParams = z.object({}).strict();

/** The host overview's scripts: the page in one round trip, and one live sample per poll. */
export const hostOverviewScripts = {
  getHostOverview: defineScript({
    name: 'host-overview/get-host-overview',
    params: noParams,
    result: HostOverview,
    lane: 'read',
    timeoutMs: 60_000,
    display: () => [
      'Get-VMHost',
      'Get-CimInstance -ClassName Win32_OperatingSystem',
      'Get-CimInstance -ClassName Win32_Processor',
      "Get-CimInstance -ClassName Win32_Volume -Filter 'DriveType = 3'",
      'Get-VM | Group-Object -Property State',
    ],
  }),
  getHostPerf: defineScript({
    name: 'host-overview/get-host-perf',
    params: noParams,
    result: HostSample,
    lane: 'read',
    timeoutMs: 60_000,
    // Polled every few seconds while the page is open: only failures belong in the ledger.
    record: 'errors',
    display: () => [
      "Get-CimInstance -ClassName Win32_PerfFormattedData_HvStats_HyperVHypervisorLogicalProcessor -Filter \"Name = '_Total'\"",
      'Get-CimInstance -ClassName Win32_OperatingSystem',
      'Get-VM',
    ],
  }),
};
