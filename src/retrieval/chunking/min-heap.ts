/**
 * A binary min-heap of numeric keys, each carrying an int32 value, in typed arrays: the byte-pair merge pushes
 * and pops millions of entries per megabyte of long words, so nothing here allocates per entry.
 */
export class MinHeap {
  private keys = new Float64Array(64);
  private values = new Int32Array(64);
  size = 0;
  /** The value of the entry the last pop() returned. */
  poppedValue = 0;

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow();
    const { keys, values } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** The smallest key, left in place; the heap must not be empty. */
  peek(): number {
    return this.keys[0];
  }

  /** The smallest key (its value in poppedValue); the heap must not be empty. */
  pop(): number {
    const { keys, values } = this;
    const top = keys[0];
    this.poppedValue = values[0];
    const n = --this.size;
    const lastKey = keys[n];
    const lastValue = values[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= lastKey) break;
      keys[i] = keys[child];
      values[i] = values[child];
      i = child;
    }
    keys[i] = lastKey;
    values[i] = lastValue;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
