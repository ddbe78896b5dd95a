/**
 * A Map that keeps at most `capacity` entries, forgetting the oldest inserted first: for
 * per-process memories of Redis facts (a task's placement, Discord id → task links) in a
 * long-lived process that sees an endless stream of tasks.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
