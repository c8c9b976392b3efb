import { z } from 'zod';
import { channel, event } from '../../ipc/define';

/** Where a terminal tab runs: this machine's PowerShell, or a shell already inside a managed host. */
export const TerminalTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('host'), hostId: z.string().min(1).max(128) }),
]);
export type TerminalTarget = z.infer<typeof TerminalTarget>;

export const SessionId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const Cols = z.number().int().min(2).max(1000);
const Rows = z.number().int().min(1).max(500);

export const TerminalInfo = z.object({
  sessionId: SessionId,
  title: z.string(),
  target: TerminalTarget,
  cols: Cols,
  rows: Rows,
  /** Set once the shell has exited (the tab stays to show its last output). */
  exitCode: z.number().int().nullable(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

export const TerminalTargetOption = z.object({
  target: TerminalTarget,
  label: z.string(),
  transport: z.enum(['local', 'lab', 'ssh', 'winrm']),
});
export type TerminalTargetOption = z.infer<typeof TerminalTargetOption>;

/** Largest single input frame (a paste); bigger pastes are split by the renderer. */
export const maxInputChars = 64 * 1024;

export const terminalChannels = {
  /** Shells the user can open: local plus one per managed host. */
  'terminal.targets': channel(z.object({}), z.array(TerminalTargetOption)),
  /** Starts a shell owned by the calling client. Fails with CONFLICT when the live-session cap is reached. */
  'terminal.open': channel(
    z.object({ target: TerminalTarget, cols: Cols, rows: Rows }),
    TerminalInfo,
  ),
  /** Re-attaches a live session (page reload, reconnect): the caller becomes its owner and gets the scrollback to replay. */
  'terminal.attach': channel(z.object({ sessionId: SessionId }), z.object({ info: TerminalInfo, replay: z.string() })),
  /** Sessions the calling client owns, plus detached ones waiting to be re-attached. */
  'terminal.list': channel(z.object({}), z.array(TerminalInfo)),
  'terminal.input': channel(z.object({ sessionId: SessionId, data: z.string().min(1).max(maxInputChars) }), z.object({})),
  'terminal.resize': channel(z.object({ sessionId: SessionId, cols: Cols, rows: Rows }), z.object({})),
  /** Flow control: characters the client's terminal has finished writing (xterm's write callback). */
  'terminal.ack': channel(z.object({ sessionId: SessionId, chars: z.number().int().min(0).max(1e9) }), z.object({})),
  'terminal.close': channel(z.object({ sessionId: SessionId }), z.object({})),
};

export const terminalEvents = {
  /** Batched shell output; sent only to the owning client. */
  'terminal.output': event(z.object({ sessionId: SessionId, data: z.string() })),
  /** The shell ended; sent only to the owning client. */
  'terminal.exit': event(z.object({ sessionId: SessionId, exitCode: z.number().int() })),
};
