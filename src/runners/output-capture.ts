/**
 * Where a script's stdout or stderr goes. Without live output, an unlinked file in the (private) data
 * directory: the child writes straight into it and the press reads it once the process tree has ended,
 * so Node pumps no pipe — a cold press is ~5 ms faster. A watchdog cuts the file back to the bound
 * whenever it grows past it, so a flood of output cannot fill the disk. With live output (`--follow`),
 * a pipe read as the script writes. (The OS sandbox's start signal on fd 3 is such a file too.)
 */
import { closeSync, fstatSync, ftruncateSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { openAnonymousFile } from '../store/anonymous-file.ts';
import { captureStream } from './capture.ts';

export interface Captured {
  text: string;
  truncated: boolean;
}

export interface OutputCapture {
  /** What the child gets for this stream (spawn's stdio entry). */
  readonly stdio: 'pipe' | number;
  /** The child's end of a pipe (only for stdio 'pipe'). */
  attach(stream: Readable | null): void;
  /** After the process tree is gone: what it wrote, within the bound. Releases the capture. */
  finish(): Promise<Captured>;
  /** Releases the capture without reading it (the child never started). */
  release(): void;
}

const WATCH_MS = 100;

export function fileCapture(dir: string, maxBytes: number): OutputCapture & { readonly stdio: number } {
  const fd = openAnonymousFile(dir);
  let truncated = false;
  let open = true;
  const cutBack = () => {
    if (fstatSync(fd).size > maxBytes) {
      truncated = true;
      // Later writes land past the bound and leave a hole before them, which takes no space.
      ftruncateSync(fd, maxBytes);
    }
  };
  const watchdog = setInterval(cutBack, WATCH_MS);
  watchdog.unref();
  const release = () => {
    if (!open) return;
    open = false;
    clearInterval(watchdog);
    closeSync(fd);
  };
  return {
    stdio: fd,
    attach() {},
    async finish() {
      try {
        const size = fstatSync(fd).size;
        if (size > maxBytes) truncated = true;
        const buffer = Buffer.alloc(Math.min(size, maxBytes));
        let offset = 0;
        while (offset < buffer.length) {
          const n = readSync(fd, buffer, offset, buffer.length - offset, offset);
          if (n === 0) break;
          offset += n;
        }
        return { text: buffer.toString('utf8', 0, offset), truncated };
      } finally {
        release();
      }
    },
    release,
  };
}

/** A pipe, read as it comes; `onText` sees each decoded chunk (redact it before showing it). */
export function pipeCapture(
  maxBytes: number,
  onText: (text: string) => void,
  onEnd: () => void,
): OutputCapture {
  let capture: ReturnType<typeof captureStream> | undefined;
  let pipe: Readable | undefined;
  return {
    stdio: 'pipe',
    attach(stream) {
      if (!stream) return;
      pipe = stream;
      capture = captureStream(stream, maxBytes, onText);
    },
    async finish() {
      // A background process that kept the pipe open is gone by now; give the last bytes a moment.
      if (capture) await Promise.race([capture.done, new Promise((r) => setTimeout(r, 1000).unref())]);
      pipe?.destroy();
      onEnd();
      return { text: capture?.text() ?? '', truncated: capture?.truncated ?? false };
    },
    release() {
      pipe?.destroy();
    },
  };
}
