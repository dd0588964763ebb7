import { Parser } from 'htmlparser2';
import { TextSink } from '../text-sink.js';

/** Elements whose content is never readable text (or is page chrome, like navigation). */
const SKIPPED = new Set('head script style noscript template nav svg math canvas iframe object select'.split(' '));
/** Elements that stand on lines of their own. */
const BLOCKS = new Set(
  [
    'address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure footer',
    'form h1 h2 h3 h4 h5 h6 header hr li main ol p pre section summary table tr ul',
  ]
    .join(' ')
    .split(' '),
);
const CELLS = new Set(['td', 'th']);

/**
 * Turns HTML into readable text while it is parsed: blocks become paragraphs, cells of a row are
 * joined by " | ", list items start with "- ", entities are decoded and markup is dropped.
 * Fed in chunks (write/end), so an e-book or a large page never becomes a tree in memory.
 */
export class HtmlTextWriter {
  private readonly parser: Parser;
  private skipDepth = 0;
  private preDepth = 0;
  /** A break waits until text follows it, so runs of empty blocks leave one blank line. */
  private pendingBreak: '' | '\n' | '\n\n' = '';
  private pendingSpace = false;
  private lineStart = true;
  private afterSpace = true;
  private cellsInRow = 0;

  constructor(private readonly sink: TextSink) {
    this.parser = new Parser(
      {
        onopentag: (name) => this.open(name),
        onclosetag: (name) => this.close(name),
        ontext: (text) => this.text(text),
      },
      { decodeEntities: true, recognizeSelfClosing: true },
    );
  }

  write(html: string): void {
    this.parser.write(html);
  }

  end(): void {
    this.parser.end();
  }

  private open(name: string): void {
    if (SKIPPED.has(name) || this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    if (name === 'pre') this.preDepth += 1;
    if (name === 'br') this.lineBreak('\n');
    else if (name === 'tr') {
      this.cellsInRow = 0;
      this.lineBreak('\n');
    } else if (CELLS.has(name)) {
      if (this.cellsInRow++ > 0) this.emit(' | ');
    } else if (BLOCKS.has(name)) this.lineBreak(name === 'li' ? '\n' : '\n\n');
    if (name === 'li') this.emit('- ');
  }

  private close(name: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    if (name === 'pre') this.preDepth -= 1;
    if (BLOCKS.has(name)) this.lineBreak(name === 'li' || name === 'tr' ? '\n' : '\n\n');
  }

  private text(raw: string): void {
    if (this.skipDepth > 0) return;
    if (this.preDepth > 0) return this.emit(raw);
    const collapsed = raw.replace(/\s+/g, ' ');
    if (collapsed.startsWith(' ')) this.pendingSpace = true;
    const words = collapsed.trim();
    if (words) this.emit(words);
    if (collapsed.endsWith(' ') && words) this.pendingSpace = true;
  }

  private lineBreak(kind: '\n' | '\n\n'): void {
    if (!this.lineStart && this.pendingBreak !== '\n\n') this.pendingBreak = kind;
    this.pendingSpace = false;
  }

  private emit(text: string): void {
    if (this.pendingBreak) this.sink.push(this.pendingBreak);
    else if (this.pendingSpace && !this.afterSpace) this.sink.push(' ');
    this.sink.push(text);
    this.pendingBreak = '';
    this.pendingSpace = false;
    this.lineStart = text.endsWith('\n');
    this.afterSpace = /\s$/.test(text);
  }
}
