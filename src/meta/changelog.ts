import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** <repo>/CHANGELOG.md, found from this file (dist/src/meta). */
const CHANGELOG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../CHANGELOG.md');

/** One change as the web app's "What's New" dialog shows it (`raw` is rendered, sanitized). */
export interface ChangelogItem {
  title: string;
  content: string;
  raw: string;
}

/** Per version: its date and its sections (added, changed, fixed, removed…). */
export type Changelog = Record<string, Record<string, string | ChangelogItem[]>>;

const VERSION_HEADING = /^## \[([^\]]+)\](?:\s+-\s+(.+))?\s*$/;
const SECTION_HEADING = /^### (.+?)\s*$/;
const LIST_ITEM = /^[-*] (.*)$/;

/**
 * Reads a Keep a Changelog file into the shape upstream serves at `/api/changelog`:
 * `{"0.6.40": {"date": "…", "added": [{title, content, raw}], …}}`. A missing file is no changes.
 */
let shipped: Changelog | undefined;

/** The server's own CHANGELOG.md, read on first use: it ships with the server and does not change under it. */
export function shippedChangelog(): Changelog {
  return (shipped ??= readChangelog(CHANGELOG_PATH));
}

export function readChangelog(path: string): Changelog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  return parseChangelog(text);
}

export function parseChangelog(text: string): Changelog {
  const changelog: Changelog = {};
  let sections: Map<string, string[]> | undefined;
  let items: string[] | undefined;
  const versions: [Changelog[string], Map<string, string[]>][] = [];
  for (const line of text.split(/\r?\n/)) {
    const versionHeading = VERSION_HEADING.exec(line);
    const sectionHeading = SECTION_HEADING.exec(line);
    const item = LIST_ITEM.exec(line);
    if (versionHeading) {
      changelog[versionHeading[1]] = { date: versionHeading[2]?.trim() ?? '' };
      sections = new Map();
      versions.push([changelog[versionHeading[1]], sections]);
      items = undefined;
    } else if (sectionHeading && sections) {
      items = [];
      sections.set(sectionHeading[1].toLowerCase(), items);
    } else if (items && item) items.push(item[1].trim());
    else if (items && items.length > 0 && line.trim()) items[items.length - 1] += ` ${line.trim()}`;
  }
  for (const [entry, byName] of versions) {
    for (const [name, list] of byName) entry[name] = list.map(toItem);
  }
  return changelog;
}

/** `**Title**: text` splits into title and content, as upstream does at the first ": ". */
function toItem(markdown: string): ChangelogItem {
  const text = markdown.replace(/\*\*|`/g, '');
  const split = text.indexOf(': ');
  return {
    title: split > 0 ? text.slice(0, split).trim() : '',
    content: split > 0 ? text.slice(split + 2).trim() : text,
    raw: `<li>${inlineHtml(markdown)}</li>`,
  };
}

function inlineHtml(markdown: string): string {
  return escapeHtml(markdown)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`(.+?)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
