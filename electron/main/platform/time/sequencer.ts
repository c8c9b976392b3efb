/**
 * Runs work one after another per key (a file, a job, a host), and in parallel across keys. The one queue of
 * main: a failed step never blocks the next, and a key's entry is dropped when its queue drains.
 */
export class SequencerByKey<K = string> {
  private readonly tails = new Map<K, Promise<unknown>>();

  run<T>(key: K, work: () => Promise<T> | T): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work) as Promise<T>;
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Settles when everything queued for the key so far has settled. */
  idle(key: K): Promise<void> {
    return (this.tails.get(key) ?? Promise.resolve()).then(() => undefined);
  }
}

/** A sequencer of one key: the common case of a single store or file. */
export class Sequencer {
  private readonly inner = new SequencerByKey<0>();
  run<T>(work: () => Promise<T> | T): Promise<T> {
    return this.inner.run(0, work);
  }
  idle(): Promise<void> {
    return this.inner.idle(0);
  }
}
