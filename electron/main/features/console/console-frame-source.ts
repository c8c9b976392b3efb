import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../../../shared/ipc/errors';
import type { ConsoleVmState } from '../../../../shared/features/console/console.contract';

const gunzipAsync = promisify(gunzip);

/** Runs a library script on a host and returns its parsed JSON (the session layer's job; a seam here). */
export type RunScript = (
  hostId: string,
  script: string,
  args: Record<string, unknown>,
  opts: { signal?: AbortSignal; timeoutMs?: number },
) => Promise<unknown>;

const FrameResult = z.union([
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
]);

export type FrameAnswer =
  | { kind: 'gone' }
  | { kind: 'state'; state: ConsoleVmState; name: string }
  | { kind: 'unchanged'; width: number; height: number; hash: string }
  | { kind: 'frame'; width: number; height: number; hash: string; bytes: Uint8Array<ArrayBuffer> };

/** Asks the host for one frame (get-console-frame.ps1) and unpacks the gzip'd RGB565 it returns. */
export async function fetchFrame(
  run: RunScript,
  hostId: string,
  vmId: string,
  previousHash: string,
  opts: { signal?: AbortSignal; timeoutMs?: number },
): Promise<FrameAnswer> {
  const raw = await run(hostId, 'console/get-console-frame', { VmId: vmId, PreviousHash: previousHash }, opts);
  const r = FrameResult.parse(raw);
  if (!r.found) return { kind: 'gone' };
  if (r.state !== 'Running' || r.noPicture) return { kind: 'state', state: r.state, name: r.name };
  if (r.unchanged) return { kind: 'unchanged', width: r.width, height: r.height, hash: r.hash };
  const packed = Buffer.from(r.data, 'base64');
  const unpacked = await gunzipAsync(packed);
  if (unpacked.length !== r.width * r.height * 2) {
    throw new AppError('INTERNAL', `frame of ${unpacked.length} bytes does not match ${r.width}x${r.height} RGB565`);
  }
  // A view of its own buffer: structured clone and the binary wire copy exactly the pixels, nothing around them.
  const bytes = new Uint8Array(unpacked.length);
  bytes.set(unpacked);
  return { kind: 'frame', width: r.width, height: r.height, hash: r.hash, bytes };
}
