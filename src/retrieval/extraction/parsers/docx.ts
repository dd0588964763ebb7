import type { TextSink } from '../text-sink.js';
import type { ZipArchive } from './zip-archive.js';

/**
 * Word documents through mammoth. It unpacks the archive itself, so it is only given one whose
 * entries were all inflated within budget first; it loads on first use (other formats never pay).
 */
export async function docxText(archive: ZipArchive, data: Buffer, sink: TextSink): Promise<void> {
  await archive.verifyAll();
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.extractRawText({ buffer: data });
  sink.push(result.value);
}
