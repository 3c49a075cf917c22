/**
 * Private, atomic file writes: dirs 0700, files 0600 whatever the umask; content appears whole or not at all.
 */

import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { randomHex } from './random.ts';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
export const TEMP_PREFIX = '.tmp-';

/** Creates `dir` and any missing parents below `root`, each 0700 (chmod after mkdir defeats the umask). */
export function ensurePrivateDir(dir: string, root: string = dir): void {
  const base = resolve(root);
  const target = resolve(dir);
  const rel = relative(base, target);
  const steps = rel === '' ? [] : rel.split(sep);
  mkdirSync(base, { recursive: true, mode: DIR_MODE });
  chmodSync(base, DIR_MODE);
  let current = base;
  for (const step of steps) {
    current = join(current, step);
    try {
      mkdirSync(current, { mode: DIR_MODE });
      chmodSync(current, DIR_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function writeTemp(dir: string, data: string | Uint8Array, sync: boolean): string {
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${randomHex(6)}`);
  const fd = openSync(temp, 'wx', FILE_MODE);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, FILE_MODE);
  return temp;
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directory fsync is best effort: some filesystems refuse it, and the rename is already atomic.
  }
}

export interface WriteOptions {
  /** fsync file and directory: for records that must survive a crash. */
  durable?: boolean;
}

/** Replaces `path` atomically (temp file + rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const dir = dirname(path);
  const temp = writeTemp(dir, data, options.durable ?? false);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (options.durable) syncDir(dir);
}

/** Publishes `path` atomically and never over an existing file (hard link refuses to replace). */
export function createFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const dir = dirname(path);
  const temp = writeTemp(dir, data, options.durable ?? false);
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ButtonsError(ErrorCode.ALREADY_EXISTS, `${path} already exists; it was not overwritten`);
    }
    throw error;
  } finally {
    unlinkSync(temp);
  }
  if (options.durable) syncDir(dir);
}
