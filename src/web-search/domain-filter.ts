/**
 * WEB_SEARCH_DOMAIN_FILTER_LIST as Open WebUI reads it: a result's host must end with one of the plain
 * entries (when there are any) and with none of the `!` entries. Links that are not http(s) URLs go.
 */
export function allowedByDomainFilter(link: string, filter: readonly string[]): boolean {
  let host: string;
  try {
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    host = url.hostname.toLowerCase();
  } catch {
    return false;
  }
  const entries = filter.map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const allowed = entries.filter((entry) => !entry.startsWith('!'));
  const blocked = entries.filter((entry) => entry.startsWith('!')).map((entry) => entry.slice(1).trim());
  if (allowed.length > 0 && !allowed.some((domain) => host.endsWith(domain))) return false;
  return !blocked.some((domain) => domain && host.endsWith(domain));
}
