/** Captures a stream up to a byte bound; the rest is read and dropped so the writer never blocks. */
import type { Readable } from 'node:stream';

export interface Capture {
  text(): string;
  readonly truncated: boolean;
  /** Resolves when the stream has ended or closed. */
  done: Promise<void>;
}

export function captureStream(stream: Readable, maxBytes: number, onChunk?: (text: string) => void): Capture {
  const chunks: Buffer[] = [];
  let kept = 0;
  let truncated = false;
  const decoder = new TextDecoder();
  stream.on('data', (chunk: Buffer) => {
    if (onChunk) onChunk(decoder.decode(chunk, { stream: true }));
    const room = maxBytes - kept;
    if (room <= 0) {
      truncated = true;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) truncated = true;
    chunks.push(part);
    kept += part.length;
  });
  const done = new Promise<void>((resolve) => {
    stream.once('close', resolve);
    stream.once('end', resolve);
    stream.once('error', () => resolve());
  });
  return {
    text: () => Buffer.concat(chunks).toString('utf8'),
    get truncated() {
      return truncated;
    },
    done,
  };
}
