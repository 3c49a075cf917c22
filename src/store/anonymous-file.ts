/** A private file with no name: created in a folder, unlinked at once, reachable only through its fd. */
import { openSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomHex } from './random.ts';

/**
 * Opens it read-write (0600, close-on-exec as every fd Node opens). Unlinked right after it is created,
 * before anything is written: nothing to clean up after a crash, and no name for another process to open.
 */
export function openAnonymousFile(dir: string): number {
  const path = join(dir, `.anonymous-${randomHex(8)}`);
  const fd = openSync(path, 'wx+', 0o600);
  unlinkSync(path);
  return fd;
}
