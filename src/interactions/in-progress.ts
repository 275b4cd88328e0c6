/**
 * Work a graceful stop waits for: requests and interactions being answered, including what their handlers go on
 * doing after the reply (a deferred reply's edit). Both transports track theirs here.
 */
export class InProgress<Key> {
  readonly #running = new Map<Key, Promise<unknown>>();

  get size(): number {
    return this.#running.size;
  }

  keys(): IterableIterator<Key> {
    return this.#running.keys();
  }

  /** Counts `work` as in progress under `key` until it settles. */
  track(key: Key, work: Promise<unknown>): void {
    this.#running.set(key, work);
    const done = (): void => {
      if (this.#running.get(key) === work) this.#running.delete(key);
    };
    work.then(done, done);
  }

  /** Waits until nothing is in progress (work started meanwhile included) or `graceMs` has passed: whether it all ended. */
  async settled(graceMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    let over = false;
    const graceOver = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        over = true;
        resolve();
      }, graceMs);
    });
    while (this.#running.size > 0 && !over) await Promise.race([Promise.allSettled(this.#running.values()), graceOver]);
    clearTimeout(timer);
    return this.#running.size === 0;
  }
}
