/** Reads a response body up to a byte bound; going over is reported, never cut silently. */

export interface BoundedBody {
  bytes: Uint8Array;
  /** True when the body had more than the bound; `bytes` then holds the first `maxBytes`. */
  over: boolean;
}

type BodyStream = AsyncIterable<Uint8Array> & {
  destroy(error?: Error): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

/** Drops a body without reading it; the abort it causes is expected, not an error to report. */
export function discardBody(body: BodyStream): void {
  body.on('error', () => undefined);
  body.destroy();
}

export async function readBounded(body: BodyStream, maxBytes: number): Promise<BoundedBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    if (total + chunk.byteLength > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - total));
      total = maxBytes;
      // Stop reading: the rest of an oversized body is never pulled over the network.
      discardBody(body);
      return { bytes: Buffer.concat(chunks, total), over: true };
    }
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  return { bytes: Buffer.concat(chunks, total), over: false };
}

/** The Content-Length a response announces, when it announces a sane one. */
export function announcedLength(headers: Record<string, string | string[] | undefined>): number | undefined {
  const raw = headers['content-length'];
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}
