/**
 * Answers to a pure look-up, remembered up to a fixed number, then forgotten all at once: a query's plan, a word's
 * senses or line count come up again and again, and starting over costs less than tracking which answer was used
 * last (when the memo fills, the questions being asked have usually moved on).
 */
export class BoundedMemo<Key, Value extends NonNullable<unknown>> {
  private readonly known = new Map<Key, Value>();

  constructor(private readonly capacity: number) {}

  /** The answer for `key`: remembered, or `compute`d now and remembered. */
  get(key: Key, compute: (key: Key) => Value): Value {
    let value = this.known.get(key);
    if (value === undefined) {
      if (this.known.size >= this.capacity) this.known.clear();
      this.known.set(key, (value = compute(key)));
    }
    return value;
  }
}
