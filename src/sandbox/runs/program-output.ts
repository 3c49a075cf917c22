/** A program's stdout/stderr: kept up to a bound (the rest counted as truncated), optionally shown live. */
export interface CapturedOutput {
  write(stream: 'stdout' | 'stderr', text: string): void;
  text(stream: 'stdout' | 'stderr'): string;
  readonly truncated: { stdout: boolean; stderr: boolean };
}

export function captureOutput(
  maxBytes: number,
  live?: (stream: 'stdout' | 'stderr', text: string) => void,
): CapturedOutput {
  const kept = { stdout: [] as string[], stderr: [] as string[] };
  const size = { stdout: 0, stderr: 0 };
  const truncated = { stdout: false, stderr: false };
  return {
    truncated,
    write(stream, text) {
      live?.(stream, text);
      const room = maxBytes - size[stream];
      if (room <= 0) {
        truncated[stream] = true;
        return;
      }
      const bytes = Buffer.byteLength(text);
      const part = bytes <= room ? text : Buffer.from(text).subarray(0, room).toString('utf8');
      if (bytes > room) truncated[stream] = true;
      kept[stream].push(part);
      size[stream] += Math.min(bytes, room);
    },
    text(stream) {
      return kept[stream].join('');
    },
  };
}
