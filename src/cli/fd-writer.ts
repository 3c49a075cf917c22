/**
 * Writes to stdout or stderr straight through the file descriptor. Node's process.stdout builds a stream
 * on first use (~2 ms for a pipe, on every cold command); a CLI that writes its answer once and exits
 * needs none of it. Writes are whole and in order; a reader that went away (EPIPE) is not an error.
 */
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

export interface FdWriter {
  write(text: string): void;
  readonly isTTY: boolean;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

export function fdWriter(fd: number): FdWriter {
  let tty: boolean | undefined;
  let closed = false;
  return {
    write(text) {
      const bytes = Buffer.from(text);
      let offset = 0;
      while (!closed && offset < bytes.length) {
        try {
          offset += writeSync(fd, bytes, offset);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          // A non-blocking descriptor shared with our parent: wait for room, as a blocking write would.
          if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
          else if (code === 'EPIPE') closed = true;
          else throw error;
        }
      }
    },
    get isTTY() {
      tty ??= isatty(fd);
      return tty;
    },
  };
}
