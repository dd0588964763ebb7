import type { TextSink } from '../text-sink.js';
import { ExtractionError } from '../extraction-error.js';

/** The text of at most `maxPages` pages, a blank line between pages; returns the document's page count. */
export async function pdfText(data: Uint8Array, maxPages: number, sink: TextSink): Promise<number> {
  // The legacy build is the one meant for Node; loaded here so other formats never pay for it.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data,
    isEvalSupported: false, // never compile code from a font (CVE-2024-4367)
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    verbosity: 0,
  });
  try {
    const document = await task.promise.catch((error: unknown) => {
      if (error instanceof Error && error.name === 'PasswordException')
        throw new ExtractionError('The PDF is password-protected.');
      throw error;
    });
    const pages = Math.min(document.numPages, maxPages);
    for (let number = 1; number <= pages && !sink.full; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      sink.paragraph();
      for (const item of content.items) {
        if ('str' in item) sink.push(item.hasEOL ? `${item.str}\n` : item.str);
      }
      page.cleanup();
    }
    return document.numPages;
  } finally {
    await task.destroy();
  }
}
