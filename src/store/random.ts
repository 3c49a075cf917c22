/**
 * Random hex from the kernel, without loading node:crypto (which costs milliseconds on every cold start).
 * Bytes are read from /dev/urandom a batch at a time and each is handed out once: a press needs several
 * small values (run id, temp names) and one read serves them all.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const BATCH = 256;
let pool: Buffer = Buffer.alloc(0);
let used = 0;

function readKernelRandom(bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync('/dev/urandom', 'r');
  try {
    let offset = 0;
    while (offset < bytes) offset += readSync(fd, buffer, offset, bytes - offset, null);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

export function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    pool = readKernelRandom(Math.max(BATCH, bytes));
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return hex;
}
