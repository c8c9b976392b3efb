import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { AppError } from '../../../../shared/ipc/errors';
import type { ConsoleVmState } from '../../../../shared/features/console/console.contract';
import type { ScriptRunner } from '../../platform/scripts/script-runner';
import { consoleFrameScript } from './console.scripts';

const gunzipAsync = promisify(gunzip);

export type FrameAnswer =
  | { kind: 'gone' }
  | { kind: 'state'; state: ConsoleVmState; name: string }
  | { kind: 'unchanged'; width: number; height: number; hash: string }
  | { kind: 'frame'; width: number; height: number; hash: string; bytes: Uint8Array<ArrayBuffer> };

/** Asks the host for one frame (get-console-frame.ps1) and unpacks the gzip'd RGB565 it returns. */
export async function fetchFrame(host: ScriptRunner, vmId: string, previousHash: string, opts: { signal?: AbortSignal; timeoutMs?: number }): Promise<FrameAnswer> {
  const { value: r } = await host.run(consoleFrameScript, { VmId: vmId, PreviousHash: previousHash }, opts);
  if (!r.found) return { kind: 'gone' };
  if (r.state !== 'Running' || r.noPicture) return { kind: 'state', state: r.state, name: r.name };
  if (r.unchanged) return { kind: 'unchanged', width: r.width, height: r.height, hash: r.hash };
  const packed = Buffer.from(r.data, 'base64');
  const unpacked = await gunzipAsync(packed);
  if (unpacked.length !== r.width * r.height * 2) {
    // The host's answer is inconsistent, as with any other malformed answer: its PS_ERROR, naming the script.
    throw new AppError('PS_ERROR', `${consoleFrameScript.name} sent a frame of ${unpacked.length} bytes that does not match ${r.width}x${r.height} RGB565`);
  }
  // A view of its own buffer: structured clone and the binary wire copy exactly the pixels, nothing around them.
  const bytes = new Uint8Array(unpacked.length);
  bytes.set(unpacked);
  return { kind: 'frame', width: r.width, height: r.height, hash: r.hash, bytes };
}
