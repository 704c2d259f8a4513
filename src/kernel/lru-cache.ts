/** A small least-recently-used cache: rendered page parts, the front cache's pages. */
export class LruCache<T> {
  private readonly entries = new Map<string, T>()
  /** The key used last, which a Map keeps last already: a page read again and again is not moved each time. */
  private newest: string | undefined
  constructor(private readonly capacity: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key)
    if (value !== undefined && key !== this.newest) {
      this.entries.delete(key)
      this.entries.set(key, value)
      this.newest = key
    }
    return value
  }

  delete(key: string): void {
    this.entries.delete(key)
    if (key === this.newest) this.newest = undefined
  }

  set(key: string, value: T): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    this.newest = key
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
  }
}
