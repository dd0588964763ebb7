import { extname } from 'node:path';
import { ExtractionError } from './extraction-error.js';

/** How a file is read: each format has one parser in the worker. */
export type DocumentFormat = 'text' | 'csv' | 'tsv' | 'html' | 'xml' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'epub';

/** How messages name each format ("The PDF could not be read: ..."). */
export const FORMAT_NAMES: Record<DocumentFormat, string> = {
  text: 'The text file',
  csv: 'The CSV file',
  tsv: 'The TSV file',
  html: 'The HTML file',
  xml: 'The XML file',
  pdf: 'The PDF',
  docx: 'The Word document',
  xlsx: 'The spreadsheet',
  pptx: 'The presentation',
  epub: 'The e-book',
};

export interface FileDescription {
  filename: string;
  contentType?: string;
}

const SOURCE_CODE = [
  'js mjs cjs jsx ts mts cts tsx py pyi rb go rs java kt kts scala c h cc cpp cxx hpp hh cs fs php swift',
  'm mm r jl lua pl pm dart ex exs erl hs ml clj groovy gradle sh bash zsh fish ps1 bat cmd sql vue svelte',
  'css scss sass less tex bib proto graphql gql tf hcl nix cmake mk',
].join(' ');
const PLAIN_TEXT =
  'txt text md markdown mdx rst adoc org log json jsonl ndjson yaml yml toml ini cfg conf env properties';

const FORMAT_BY_EXTENSION = new Map<string, DocumentFormat>([
  ...`${PLAIN_TEXT} ${SOURCE_CODE}`.split(' ').map((ext) => [ext, 'text'] as const),
  ['csv', 'csv'],
  ['tsv', 'tsv'],
  ['html', 'html'],
  ['htm', 'html'],
  ['xhtml', 'html'],
  ['xml', 'xml'],
  ['pdf', 'pdf'],
  ['docx', 'docx'],
  ['xlsx', 'xlsx'],
  ['pptx', 'pptx'],
  ['epub', 'epub'],
]);

/** Extensions of files that are surely binary: never read as text, whatever their content type says. */
const BINARY_EXTENSIONS = new Set(
  [
    'png jpg jpeg gif webp bmp tif tiff ico heic heif avif svg psd raw',
    'mp3 wav ogg oga flac m4a aac opus wma mid midi mp4 m4v mov avi mkv webm wmv flv mpg mpeg',
    'zip gz tgz tar 7z rar bz2 xz zst lz4 jar war apk ipa dmg iso img exe dll so dylib bin msi deb rpm class',
    'o a wasm pyc doc xls ppt odt ods odp rtf pages numbers key sqlite db mdb woff woff2 ttf otf eot',
  ]
    .join(' ')
    .split(' '),
);

const FORMAT_BY_CONTENT_TYPE = new Map<string, DocumentFormat>([
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ['application/epub+zip', 'epub'],
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['text/xml', 'xml'],
  ['application/xml', 'xml'],
  ['text/csv', 'csv'],
  ['text/tab-separated-values', 'tsv'],
]);

/** application/* types that carry text: JSON, YAML, scripts, SQL and the like. */
const TEXT_APPLICATION_TYPE =
  /^application\/(json|ld\+json|x-ndjson|(x-)?yaml|(x-)?javascript|typescript|(x-)?sql|x-sh|x-python|toml|x-tex)$/;

/**
 * The format of an upload: by extension first, then by content type, then by its first bytes (a
 * file named without an extension and sent as application/octet-stream is text when it looks
 * like text). Throws ExtractionError for anything we do not read.
 */
export function detectFormat(file: FileDescription, head: Uint8Array): DocumentFormat {
  const extension = extname(file.filename).slice(1).toLowerCase();
  const contentType = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
  const byExtension = FORMAT_BY_EXTENSION.get(extension);
  if (byExtension) return byExtension;
  if (BINARY_EXTENSIONS.has(extension)) throw unsupported(extension, contentType);
  const byType = FORMAT_BY_CONTENT_TYPE.get(contentType);
  if (byType) return byType;
  if (contentType.startsWith('text/') || TEXT_APPLICATION_TYPE.test(contentType)) return 'text';
  if (contentType === '' || contentType === 'application/octet-stream') {
    if (startsWith(head, '%PDF-')) return 'pdf';
    if (looksLikeText(head)) return 'text';
  }
  throw unsupported(extension, contentType);
}

function unsupported(extension: string, contentType: string): ExtractionError {
  const name = [extension && `.${extension}`, contentType && `(${contentType})`].filter(Boolean).join(' ');
  return new ExtractionError(`File type ${name || 'unknown'} is not supported for processing.`);
}

const startsWith = (bytes: Uint8Array, prefix: string): boolean =>
  Buffer.from(bytes.subarray(0, prefix.length)).toString('latin1') === prefix;

/** Text has no NUL bytes and decodes as UTF-8 (a multi-byte character cut at the end is allowed). */
function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
