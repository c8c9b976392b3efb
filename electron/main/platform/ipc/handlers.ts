import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../shared/ipc/contract';

/** What a handler gets besides its (already validated) input. */
export interface CallContext {
  /** Aborted when the caller cancels, disconnects, or the app shuts down. */
  readonly signal: AbortSignal;
  /** Which client sent it ("desktop:<webContentsId>" or "gateway:<socketId>"), for logs and per-client state. */
  readonly clientId: string;
}

export type Handler<K extends ChannelName> = (
  input: ChannelInput<K>,
  ctx: CallContext,
) => Promise<ChannelOutput<K>> | ChannelOutput<K>;

export type Handlers = { [K in ChannelName]: Handler<K> };
export type PartialHandlers = { [K in ChannelName]?: Handler<K> };

/** A capability's main side: its handlers and what to release on quit. */
export interface FeatureModule {
  readonly name: string;
  readonly handlers: PartialHandlers;
  dispose?(): Promise<void> | void;
}
