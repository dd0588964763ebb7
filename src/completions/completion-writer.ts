import type { Response } from 'express';
import type { ProviderStream } from '../providers/provider-client.js';
import { SSE_DONE, sseEvent } from '../providers/stream-codecs.js';
import { flushHeadersThisTurn, TickBatchWriter } from './tick-batch-writer.js';

/** What a completion answers: JSON, or the provider's stream with events to send before it. */
export type CompletionResult =
  { kind: 'json'; body: unknown } | { kind: 'stream'; stream: ProviderStream; first?: Record<string, unknown> };

/**
 * Turns a completion into HTTP. `produce` gets a signal that aborts when the caller goes away, so
 * the provider's answer stops being paid for. Errors before the answer begins reach the exception
 * filter; once the caller has left there is no one to tell.
 */
export async function sendCompletion(
  res: Response,
  produce: (signal: AbortSignal) => Promise<CompletionResult>,
): Promise<void> {
  const caller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) caller.abort();
  });
  let result: CompletionResult;
  try {
    result = await produce(caller.signal);
  } catch (error) {
    if (res.destroyed) return; // the caller left; the provider request is already aborted
    throw error;
  }
  if (result.kind === 'json') res.json(result.body);
  else await writeSse(res, result.stream, result.first);
}

/**
 * Streams the provider's answer as it arrives: OpenAI SSE bytes are forwarded untouched, Ollama's
 * chunks are written as SSE events. A provider that dies mid-stream ends ours with an error event.
 * Plain stream events, not async iteration: this loop runs once per chunk of every open stream.
 */
function writeSse(res: Response, stream: ProviderStream, first?: Record<string, unknown>): Promise<void> {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  flushHeadersThisTurn(res);
  if (first) res.write(sseEvent(first));
  const source = stream.body;
  // Backpressure: a slow client pauses the provider's stream instead of buffering it here.
  const out = new TickBatchWriter(res, () => source.pause());
  res.on('drain', () => source.resume());
  return new Promise((resolve) => {
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      out.flush();
      if (!res.destroyed) {
        if (error) {
          // A blank line first closes any event the provider left half-written.
          res.write(`\n\n${sseEvent({ error: { message: `The model provider failed: ${error.message}` } })}`);
          res.write(SSE_DONE);
        } else if (!stream.passthrough) {
          res.write(SSE_DONE);
        }
        res.end();
      }
      resolve();
    };
    // Ollama: the chunks of these bytes, or with none the last line's; a line that is not JSON means the
    // provider's stream is broken, so ours ends there.
    const translate = (bytes?: Buffer) => {
      try {
        for (const chunk of bytes ? stream.translate(bytes) : stream.end()) out.write(sseEvent(chunk));
        return true;
      } catch (error) {
        finish(error as Error);
        source.destroy();
        return false;
      }
    };
    if (stream.passthrough) source.on('data', (bytes: Buffer) => out.write(bytes));
    else source.on('data', (bytes: Buffer) => translate(bytes));
    source.on('end', () => {
      if (stream.passthrough || translate()) finish();
    });
    source.on('error', (error) => finish(error));
    source.on('aborted', () => finish(new Error('the connection closed early')));
    source.on('close', () => {
      if (!source.complete) finish(new Error('the connection closed early'));
    });
  });
}
