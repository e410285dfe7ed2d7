/**
 * A map made of an earlier map and the entries that changed since: what an
 * edit's analysis returns instead of a copy of every file's entry (a copy of
 * 10 000 entries costs more than the re-analysis of the edited agreement).
 * It iterates in the earlier map's order with changed values in place, then
 * the keys that are new, in the order they were added: the order a map built
 * afresh in the same order would have.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  /** Changed entries are merged into one layer; past this many, the layers are flattened into a plain map. */
  static readonly MAX_CHANGES = 64;

  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly changes: ReadonlyMap<K, V>,
  ) {}

  /** `previous` with `changes` set (a key in `changes` replaces its value or is added at the end). */
  static over<K, V>(previous: ReadonlyMap<K, V>, changes: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
    if (changes.size === 0) return previous;
    let base = previous;
    let merged = changes;
    if (previous instanceof LayeredMap) {
      base = previous.base;
      const both = new Map(previous.changes as ReadonlyMap<K, V>);
      for (const [key, value] of changes) both.set(key, value);
      merged = both;
    }
    const layered = new LayeredMap(base, merged);
    return merged.size > LayeredMap.MAX_CHANGES ? new Map(layered) : layered;
  }

  /**
   * The keys whose values may differ between `earlier` and `later` (a
   * superset), or undefined when that is not known without comparing every
   * entry: `later` must be `earlier` or layered over the same map.
   */
  static changedKeys<K, V>(earlier: ReadonlyMap<K, V>, later: ReadonlyMap<K, V>): ReadonlySet<K> | undefined {
    if (earlier === later) return new Set();
    if (!(later instanceof LayeredMap)) return undefined;
    if (later.base === earlier) return new Set(later.changes.keys());
    if (!(earlier instanceof LayeredMap) || earlier.base !== later.base) return undefined;
    // Both read the same base wherever neither has a change.
    const keys = new Set<K>(later.changes.keys());
    for (const key of (earlier.changes as ReadonlyMap<K, V>).keys()) keys.add(key);
    return keys;
  }

  get size(): number {
    let size = this.base.size;
    for (const key of this.changes.keys()) if (!this.base.has(key)) size++;
    return size;
  }

  get(key: K): V | undefined {
    return this.changes.has(key) ? this.changes.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.changes.has(key) || this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.changes.has(key) ? this.changes.get(key)! : value];
    for (const [key, value] of this.changes) if (!this.base.has(key)) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
