import { z } from 'zod';
import { channel, event, type ChannelDef, type EventDef } from './define';

/**
 * Live data: the one way a client asks main for something that keeps flowing (a poll, frames, progress, health).
 *
 * A live stream `<x>` has two channels: `<x>.lease {id, mode?}` opens or renews the caller's lease on one id and
 * `<x>.release {id}` gives it up. A lease lapses when not renewed within `ttlMs`, and all of a client's leases go
 * when its connection goes (the renderer keeps one `live.hold` call open per connection; its abort is the signal).
 * Events of the stream carry the `id`, and main sends them only to the holders of that id.
 */

/** What a lease call answers: how long the lease lasts unrenewed, and how often the client should renew it. */
export const LeaseGrant = z.object({ ttlMs: z.number().int().positive(), renewMs: z.number().int().positive() });
export type LeaseGrant = z.infer<typeof LeaseGrant>;

export const LeaseReleased = z.object({ released: z.boolean() });

type LeaseInput<I extends z.ZodType, M extends z.ZodType> = z.ZodObject<{ id: I; mode: z.ZodOptional<M> }>;

export type LiveChannels<N extends string, I extends z.ZodType, M extends z.ZodType> = {
  [K in `${N}.lease`]: ChannelDef<LeaseInput<I, M>, typeof LeaseGrant>;
} & {
  [K in `${N}.release`]: ChannelDef<z.ZodObject<{ id: I }>, typeof LeaseReleased>;
};

export interface LiveDef<N extends string, I extends z.ZodType, M extends z.ZodType> {
  readonly name: N;
  readonly lease: `${N}.lease`;
  readonly release: `${N}.release`;
  /** Spread into the feature's channels. */
  readonly channels: LiveChannels<N, I, M>;
  /** An event of this stream: the payload plus the stream's `id`. */
  event<P extends z.ZodRawShape>(payload: P): EventDef<z.ZodObject<P & { id: I }>>;
}

/** No mode: the lease is on or off (the inventory poll). */
const noMode = z.never();

/**
 * Defines a live stream from its name, the schema of the ids it is keyed by, and (optionally) the schema of the
 * mode a lease may carry (a console's visibility). Use: `const x = defineLive('metering', { id: VmGuid })`, then
 * `...x.channels` in the contract and `x.event({...})` for its events.
 */
export function defineLive<N extends string, I extends z.ZodType, M extends z.ZodType = typeof noMode>(
  name: N,
  spec: { id: I; mode?: M },
): LiveDef<N, I, M> {
  const mode = (spec.mode ?? noMode) as M;
  const lease = `${name}.lease` as const;
  const release = `${name}.release` as const;
  const channels = {
    [lease]: channel(z.object({ id: spec.id, mode: mode.optional() }), LeaseGrant),
    [release]: channel(z.object({ id: spec.id }), LeaseReleased),
  } as LiveChannels<N, I, M>;
  return {
    name,
    lease,
    release,
    channels,
    event: <P extends z.ZodRawShape>(payload: P) => event(z.object({ ...payload, id: spec.id })) as EventDef<z.ZodObject<P & { id: I }>>,
  };
}

export const liveChannels = {
  /**
   * Held open by a client for as long as its connection lives; it only ends when the transport aborts it (socket
   * closed, window destroyed, page reloaded). Main then releases the client's leases and tells the features.
   */
  'live.hold': channel(z.object({}), z.object({})),
};
