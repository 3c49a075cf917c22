/** Random hex from the kernel, without loading node:crypto (which costs milliseconds on every cold start). */
import { closeSync, openSync, readSync } from 'node:fs';

export function randomHex(bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync('/dev/urandom', 'r');
  try {
    let offset = 0;
    while (offset < bytes) offset += readSync(fd, buffer, offset, bytes - offset, null);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('hex');
}
