import { useEffect, useRef } from 'react';
import type { ChannelName } from '../../../shared/ipc/contract';
import type { LeaseGrant } from '../../../shared/ipc/live';
import { api as defaultApi, type ApiClient } from './client';

/** A live stream as defineLive names it in the contract (`x.lease`, `x.release`). */
export interface LiveRef {
  readonly lease: ChannelName;
  readonly release: ChannelName;
}

export interface LeaseOptions<M> {
  mode?: M;
  /** Hold the lease only while the page is visible (the inventory poll); false: for the handle's whole life. */
  whileVisible?: boolean;
  /** A renewal was refused (the stream is gone in main, e.g. a console whose VM host dropped it). */
  onLost?(err: unknown): void;
}

export interface LeaseHandle<M> {
  /** Sends the new mode now (and with every renewal after). */
  setMode(mode: M): void;
  /** Stops renewing and releases the lease in main. */
  release(): void;
}

/**
 * The renderer's side of platform/live: a lease is opened, renewed at the pace main grants, re-opened after a
 * reconnect (a new connection holds no leases), dropped while the page is hidden if asked, and released on
 * release(). One `live.hold` call per connection tells main when this page went away.
 */
export function createLive(api: ApiClient, doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> = document) {
  let presence = false;

  /** Keeps one live.hold open per connection (idempotent); main releases our leases when it ends. */
  function holdPresence(): void {
    if (presence) return;
    presence = true;
    // Resolves only when the transport drops it; each new 'open' status (first connect, reconnect) holds again.
    api.onStatus((status) => {
      if (status === 'open') api.invoke('live.hold', {}).catch(() => undefined);
    });
  }

  function holdLease<M>(ref: LiveRef, id: string, opts: LeaseOptions<M> = {}): LeaseHandle<M> {
    holdPresence();
    let mode = opts.mode;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let released = false;
    let holding = false;
    const visible = () => !opts.whileVisible || doc.visibilityState === 'visible';
    const stopTimer = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    const renew = () => {
      stopTimer();
      if (released || !visible()) return;
      holding = true;
      const input = mode === undefined ? { id } : { id, mode };
      api.invoke(ref.lease, input as never).then(
        (grant) => {
          if (!released && visible() && !timer) timer = setTimeout(renew, (grant as unknown as LeaseGrant).renewMs);
        },
        (err: unknown) => {
          holding = false;
          if (opts.onLost) opts.onLost(err);
          else console.warn(`${ref.lease} failed`, err);
        },
      );
    };
    const giveUp = () => {
      stopTimer();
      if (!holding) return;
      holding = false;
      api.invoke(ref.release, { id } as never).catch(() => undefined);
    };
    const onVisibility = () => (visible() ? renew() : giveUp());
    let dropped = false;
    const offStatus = api.onStatus((status) => {
      if (status === 'reconnecting') dropped = true;
      if (status === 'open' && dropped) {
        dropped = false;
        renew();
      }
    });
    if (opts.whileVisible) doc.addEventListener('visibilitychange', onVisibility);
    renew();
    return {
      setMode(next) {
        if (next === mode) return;
        mode = next;
        renew();
      },
      release() {
        if (released) return;
        giveUp();
        released = true;
        offStatus();
        if (opts.whileVisible) doc.removeEventListener('visibilitychange', onVisibility);
      },
    };
  }

  return { holdPresence, holdLease };
}

export const live = createLive(defaultApi);

/** Holds a lease while the component is mounted (and the page visible, unless whileVisible is false). */
export function useLease<M>(ref: LiveRef, id: string | null, opts: { mode?: M; whileVisible?: boolean } = {}): void {
  const { mode, whileVisible = true } = opts;
  const handle = useRef<LeaseHandle<M> | null>(null);
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const { lease, release } = ref;
  useEffect(() => {
    if (id === null) return;
    const h = live.holdLease<M>({ lease, release }, id, { mode: modeRef.current, whileVisible });
    handle.current = h;
    return () => {
      h.release();
      handle.current = null;
    };
  }, [lease, release, id, whileVisible]);
  useEffect(() => {
    if (mode !== undefined) handle.current?.setMode(mode);
  }, [mode]);
}
