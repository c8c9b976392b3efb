import { z } from 'zod';
import { channel, event } from '../../ipc/define';
import { defineLive } from '../../ipc/live';

/** A VM id as Hyper-V gives it (Get-VM Id = Msvm_ComputerSystem.Name): validated here so scripts can trust it. */
export const VmGuid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'not a VM GUID');

export const ConsoleVmState = z.enum(['Running', 'Off', 'Saved', 'Paused', 'Starting', 'Stopping', 'Other']);
export type ConsoleVmState = z.infer<typeof ConsoleVmState>;

/** visible: as fast as the host answers; background: slowed (window blurred); hidden: stopped. */
export const ConsoleVisibility = z.enum(['visible', 'background', 'hidden']);
export type ConsoleVisibility = z.infer<typeof ConsoleVisibility>;

export const ModifierKey = z.enum(['ctrl', 'alt', 'shift', 'win']);
export type ModifierKey = z.infer<typeof ModifierKey>;

/** What the renderer asks to type. Windows virtual-key codes (VK_*) for keys. */
export const KeyAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('key'), vk: z.number().int().min(1).max(254), modifiers: z.array(ModifierKey).max(4).default([]) }),
  z.object({ kind: z.literal('ctrlAltDel') }),
]);
export type KeyAction = z.infer<typeof KeyAction>;

export const HandoffTool = z.enum(['vmconnect', 'freerdp']);
export type HandoffTool = z.infer<typeof HandoffTool>;

export const ConsoleStreamStats = z.object({
  streamId: z.string(),
  hostId: z.string(),
  vmId: z.string(),
  visibility: ConsoleVisibility,
  polling: z.boolean(),
  frameRequests: z.number().int(),
  framesSent: z.number().int(),
  framesUnchanged: z.number().int(),
  fps: z.number(),
  latencyMs: z.number(),
});
export type ConsoleStreamStats = z.infer<typeof ConsoleStreamStats>;

const StreamRef = z.object({ streamId: z.string().min(1).max(64) });

/**
 * A console stream is a live stream (shared/ipc/live.ts) keyed by its stream id: `console.open` starts it with a
 * lease for the caller; `console.lease {id, mode: visibility}` renews it (every 15 s, and at once on a visibility
 * change) and `console.release {id}` closes it. Frames and status keep `streamId` in their payload: the binary
 * frame wire and its tests already carry that name.
 */
export const consoleLive = defineLive('console', { id: StreamRef.shape.streamId, mode: ConsoleVisibility });

export const ConsoleOpenResult = z.object({
  streamId: z.string(),
  vmId: z.string(),
  vmName: z.string(),
  state: ConsoleVmState,
  width: z.number().int(),
  height: z.number().int(),
  keyboard: z.object({ available: z.boolean(), unicodeSupported: z.boolean(), layout: z.string() }),
  mouse: z.object({ available: z.boolean() }),
  handoff: z.object({ vmconnect: z.boolean(), freerdp: z.boolean() }),
});
export type ConsoleOpenResult = z.infer<typeof ConsoleOpenResult>;

export const consoleChannels = {
  /** Starts a frame stream for the calling client only; frames arrive as `console.frame` (binary body). */
  'console.open': channel(z.object({ hostId: z.string().min(1).max(128), vmId: VmGuid }), ConsoleOpenResult),
  ...consoleLive.channels,
  /** Types into the VM. `perKey` types text key by key with shift (US layout) for guests that ignore TypeText. */
  'console.sendKeys': channel(
    StreamRef.extend({ actions: z.array(KeyAction).min(1).max(64), perKey: z.boolean().default(false) }),
    z.object({ sent: z.number().int(), notSent: z.array(z.string()), latencyMs: z.number() }),
  ),
  /** Absolute position in the guest's pixels; `button` 1 = left, 2 = right, 3 = middle. */
  'console.mouse': channel(
    StreamRef.extend({
      x: z.number().int().min(0).max(65535),
      y: z.number().int().min(0).max(65535),
      action: z.enum(['move', 'click', 'down', 'up']),
      button: z.number().int().min(1).max(5).default(1),
    }),
    z.object({ done: z.boolean() }),
  ),
  /** Start an Off/Saved VM or resume a Paused one from the console's state message. */
  'console.powerOn': channel(StreamRef, z.object({ state: ConsoleVmState })),
  'console.handoff': channel(StreamRef.extend({ tool: HandoffTool }), z.object({ launched: z.boolean() })),
  /** The VMs of a host a console can be opened for (the Consoles view's picker; inventory opens consoles directly). */
  'console.listVms': channel(
    z.object({ hostId: z.string().min(1).max(128) }),
    z.object({ vms: z.array(z.object({ vmId: z.string(), name: z.string(), state: z.string() })) }),
  ),
  /** Poller figures for every stream of the calling client (and the closed ones it still remembers). */
  /** This client's streams and frame requests; allClientsFrameRequests counts every client's (a monotonic figure). */
  'console.stats': channel(
    z.object({}),
    z.object({ streams: z.array(ConsoleStreamStats), totalFrameRequests: z.number().int(), allClientsFrameRequests: z.number().int() }),
  ),
};

export const ConsoleFrame = z.object({
  streamId: z.string(),
  seq: z.number().int(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  /** Raw RGB565 little-endian, width*height*2 bytes, rows top to bottom. Travels as binary on every transport. */
  bytes: z.instanceof(Uint8Array),
  /** Round trip of the frame request in ms. */
  latencyMs: z.number(),
  fps: z.number(),
});
export type ConsoleFrame = z.infer<typeof ConsoleFrame>;

export const ConsoleStatus = z.object({
  streamId: z.string(),
  state: ConsoleVmState,
  /** Human-readable cause when frames stopped (host error, VM gone); absent when all is well. */
  problem: z.string().optional(),
  polling: z.boolean(),
  fps: z.number(),
  latencyMs: z.number(),
});
export type ConsoleStatus = z.infer<typeof ConsoleStatus>;

export const consoleEvents = {
  /** Sent with EventBus.emitTo to the client that opened the stream; transports carry `bytes` as binary. */
  'console.frame': event(ConsoleFrame),
  'console.status': event(ConsoleStatus),
};
