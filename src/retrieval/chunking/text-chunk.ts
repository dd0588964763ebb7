/** One piece of a document as it is embedded and stored. */
export interface TextChunk {
  content: string;
  /** Where `content` starts in the split text, in UTF-16 code units: `text.startsWith(content, start_index)`. */
  start_index: number;
}

/** Python's str.isspace, which LangChain's strip() uses: JavaScript's \s lacks U+001C–U+001F and U+0085. */
export function isPythonSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x1c && code <= 0x20) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Only whitespace: nothing worth embedding. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isPythonSpace(text.charCodeAt(i))) return false;
  return true;
}
