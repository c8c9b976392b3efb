import { AppError } from '../../../../shared/ipc/errors';
import type { HandoffTool } from '../../../../shared/features/console/console.contract';

/** Side effects of the hand-off, behind a seam (tests pass fakes; compose.ts wires the real ones). */
export interface HandoffSeams {
  platform: NodeJS.Platform;
  /** Full path of an executable on PATH (or a known location), or null. */
  findExecutable(name: string): string | null;
  /** Starts a detached GUI process; arguments are an array (never a shell line). */
  spawnDetached(command: string, args: string[]): void;
}

/** Where a host can be reached by an RDP client; null for hosts that have no VMMS listener (the lab). */
export type ResolveHandoffHost = (hostId: string) => string | null;

export interface HandoffAvailability {
  vmconnect: boolean;
  freerdp: boolean;
}

const freerdpNames = ['xfreerdp', 'xfreerdp3'];

/**
 * "Open in VMConnect" (Windows: vmconnect.exe <host> -G <VMId>) and "Open with FreeRDP" (xfreerdp
 * /v:<host> /vmconnect:<VMId>, which sets port 2179 and the pre-connection blob). Offered only when the tool
 * exists and the host is a real Hyper-V host with an address.
 */
export class ConsoleHandoff {
  constructor(
    private readonly seams: HandoffSeams,
    private readonly resolveHost: ResolveHandoffHost,
  ) {}

  availability(hostId: string): HandoffAvailability {
    if (this.resolveHost(hostId) === null) return { vmconnect: false, freerdp: false };
    return { vmconnect: this.vmconnectPath() !== null, freerdp: this.freerdpPath() !== null };
  }

  launch(tool: HandoffTool, hostId: string, vmId: string): void {
    const host = this.resolveHost(hostId);
    if (host === null) throw new AppError('NOT_SUPPORTED', 'This host has no console listener to hand off to (lab hosts have none).', { hostId });
    if (tool === 'vmconnect') {
      const exe = this.vmconnectPath();
      if (!exe) throw new AppError('NOT_SUPPORTED', 'VMConnect is not installed on this computer (Windows with the Hyper-V management tools).');
      this.seams.spawnDetached(exe, [host, '-G', vmId]);
      return;
    }
    const exe = this.freerdpPath();
    if (!exe) throw new AppError('NOT_SUPPORTED', 'FreeRDP (xfreerdp) is not installed on this computer.');
    this.seams.spawnDetached(exe, [`/v:${host}`, `/vmconnect:${vmId}`]);
  }

  private vmconnectPath(): string | null {
    return this.seams.platform === 'win32' ? this.seams.findExecutable('vmconnect.exe') : null;
  }

  private freerdpPath(): string | null {
    for (const n of freerdpNames) {
      const p = this.seams.findExecutable(n);
      if (p) return p;
    }
    return null;
  }
}
