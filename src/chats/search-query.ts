import { tagIdOf } from './chat-document.js';

export interface ParsedSearch {
  phrase: string;
  tags: string[];
  tagNone: boolean;
  folder?: string;
  pinned?: boolean;
  archived?: boolean;
  shared?: boolean;
}

const asBool = (value: string) => (value === 'true' ? true : value === 'false' ? false : undefined);

/**
 * Open WebUI's search syntax, as the web app's search box sends it: `tag:x`, `folder:x`, `pinned:`,
 * `archived:`, `shared:` filters; the remaining words, re-joined, are a phrase matched on title or
 * messages.
 */
export function parseSearch(text: string): ParsedSearch {
  const result: ParsedSearch = { phrase: '', tags: [], tagNone: false };
  const words: string[] = [];
  for (const token of text.toLowerCase().trim().split(' ')) {
    const [key, ...rest] = token.split(':');
    const value = rest.join(':');
    if (rest.length > 0 && value !== '') {
      if (key === 'tag') {
        if (value === 'none') result.tagNone = true;
        else result.tags.push(tagIdOf(value));
        continue;
      }
      if (key === 'folder') {
        result.folder = value;
        continue;
      }
      if (key === 'pinned' || key === 'archived' || key === 'shared') {
        result[key] = asBool(value);
        continue;
      }
    }
    if (token) words.push(token);
  }
  result.phrase = words.join(' ');
  return result;
}
