/**
 * Collects extracted text up to a number of characters. Parsers stop reading once it is full, so a
 * huge document costs no more than the text that is kept.
 */
export class TextSink {
  private readonly parts: string[] = [];
  private length = 0;

  constructor(readonly maxChars: number) {}

  get full(): boolean {
    return this.length >= this.maxChars;
  }

  push(text: string): void {
    if (this.full || text.length === 0) return;
    this.parts.push(text);
    this.length += text.length;
  }

  /** Starts a new paragraph (a blank line) unless the text is empty or already ends with one. */
  paragraph(): void {
    const last = this.parts.at(-1);
    if (last === undefined || last.endsWith('\n\n')) return;
    this.push(last.endsWith('\n') ? '\n' : '\n\n');
  }

  text(): string {
    return this.parts.join('').slice(0, this.maxChars).trim();
  }
}
