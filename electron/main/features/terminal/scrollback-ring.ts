/**
 * The last `capChars` characters of a session's output, kept in main so a re-attached tab (page reload,
 * reconnect) can replay its screen. Bounded: old chunks fall off the front.
 */
export class ScrollbackRing {
  private chunks: string[] = [];
  private head = 0;
  private total = 0;

  constructor(private readonly capChars = 1_000_000) {}

  get size(): number {
    return this.total;
  }

  push(text: string): void {
    if (text.length === 0) return;
    const kept = text.length > this.capChars ? text.slice(text.length - this.capChars) : text;
    this.chunks.push(kept);
    this.total += kept.length;
    while (this.total > this.capChars) {
      const first = this.chunks[this.head] as string;
      const excess = this.total - this.capChars;
      if (first.length <= excess) {
        this.head++;
        this.total -= first.length;
      } else {
        this.chunks[this.head] = first.slice(excess);
        this.total -= excess;
      }
    }
    // Compact now and then so dropped chunks do not pile up in the array.
    if (this.head > 1024) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  text(): string {
    const live = this.head === 0 ? this.chunks : this.chunks.slice(this.head);
    const joined = live.join('');
    this.chunks = joined.length > 0 ? [joined] : [];
    this.head = 0;
    return joined;
  }
}
