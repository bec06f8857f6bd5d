/**
 * A string-to-string cache bounded by entries and by total characters (keys and values), least
 * recently used out first. Map keeps insertion order: a hit moves its entry to the end.
 */
export class LruStrings {
  private readonly entries = new Map<string, string>();
  private chars = 0;

  constructor(
    private readonly maxChars: number,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: string): void {
    const size = key.length + value.length;
    // One entry larger than the whole cache would only push everything else out.
    if (size > this.maxChars) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.chars -= key.length + old.length;
    }
    this.entries.set(key, value);
    this.chars += size;
    for (const [oldest, html] of this.entries) {
      if (this.chars <= this.maxChars && this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length + html.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}
