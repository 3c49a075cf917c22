/**
 * File access that checks what was actually opened. The parent folder is opened first and its real
 * path read back from /proc/self/fd; the last component is then reached through that open folder
 * (`/proc/self/fd/N/name`, like openat) without following a symlink. A folder or file swapped for a
 * symlink between the check and the access is therefore caught, never followed.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  rmdirSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { guestError } from '../engine/replies.ts';

/** Throws when the real path differs from what was checked (the check must be made again). */
export type Verify = (actualPath: string) => void;

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = constants;
const O_CLOEXEC = 0o2000000;

let procChecked = false;
function requireProc(): void {
  if (procChecked) return;
  if (!existsSync('/proc/self/fd')) {
    throw guestError(
      'Error',
      'file access in the sandbox needs /proc (Linux); it is not available here',
      'SANDBOX_UNAVAILABLE',
    );
  }
  procChecked = true;
}

function fdPath(fd: number): string {
  return readlinkSync(`/proc/self/fd/${fd}`);
}

/** Runs `fn` with `/proc/self/fd/N/<name>` for the verified parent folder of `real`. */
export function viaParent<T>(real: string, verify: Verify, fn: (via: string, actual: string) => T): T {
  requireProc();
  if (real === '/') return fn('/', '/');
  const dirFd = openSync(dirname(real), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  try {
    const actual = join(fdPath(dirFd), basename(real));
    verify(actual);
    return fn(`/proc/self/fd/${dirFd}/${basename(real)}`, actual);
  } finally {
    closeSync(dirFd);
  }
}

function checkOpened(fd: number, expected: string): void {
  if (fdPath(fd) !== expected)
    throw guestError('Error', 'the file changed while it was being opened', 'ECHANGED');
}

export function readBytes(real: string, verify: Verify, maxBytes: number): Buffer {
  return viaParent(real, verify, (via, actual) => {
    const fd = openSync(via, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    try {
      checkOpened(fd, actual);
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw guestError('Error', 'is a directory', 'EISDIR');
      if (!stat.isFile()) throw guestError('Error', 'not a regular file', 'EINVAL');
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        total += n;
        if (total > maxBytes)
          throw guestError('RangeError', `file is larger than ${maxBytes} bytes`, 'EFBIG');
        chunks.push(chunk.subarray(0, n));
      }
      return Buffer.concat(chunks, total);
    } finally {
      closeSync(fd);
    }
  });
}

/** Writes a file; `exists` says whether it was there at check time (write vs create access). */
export function writeBytes(
  real: string,
  verify: Verify,
  data: Buffer,
  append: boolean,
  exists: boolean,
): void {
  viaParent(real, verify, (via, actual) => {
    const flags =
      O_WRONLY |
      O_NOFOLLOW |
      O_NONBLOCK |
      O_CLOEXEC |
      (append ? O_APPEND : 0) |
      (exists ? 0 : O_CREAT | O_EXCL);
    const fd = openSync(via, flags, 0o644);
    try {
      checkOpened(fd, actual);
      if (!fstatSync(fd).isFile()) throw guestError('Error', 'not a regular file', 'EINVAL');
      if (!append) ftruncateSync(fd, 0);
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    } finally {
      closeSync(fd);
    }
  });
}

export function lstatAt(real: string, verify: Verify): Stats | undefined {
  return viaParent(real, verify, (via) => {
    try {
      return lstatSync(via);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  });
}

export function listDir(
  real: string,
  verify: Verify,
): { name: string; isFile: boolean; isDirectory: boolean; isSymlink: boolean }[] {
  requireProc();
  const fd = openSync(real, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  try {
    verify(fdPath(fd));
    return readdirSync(`/proc/self/fd/${fd}`, { withFileTypes: true }).map((e) => ({
      name: e.name,
      isFile: e.isFile(),
      isDirectory: e.isDirectory(),
      isSymlink: e.isSymbolicLink(),
    }));
  } finally {
    closeSync(fd);
  }
}

export function removeAt(real: string, verify: Verify, recursive: boolean): void {
  viaParent(real, verify, (via) => removeEntry(via, recursive));
}

/** Deletes one entry; a folder's contents are reached only through folders opened without following links. */
function removeEntry(via: string, recursive: boolean): void {
  const stat = lstatSync(via);
  if (!stat.isDirectory()) {
    unlinkSync(via);
    return;
  }
  if (recursive) {
    const fd = openSync(via, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    try {
      for (const name of readdirSync(`/proc/self/fd/${fd}`)) removeEntry(`/proc/self/fd/${fd}/${name}`, true);
    } finally {
      closeSync(fd);
    }
  }
  rmdirSync(via);
}

export function mkdirAt(real: string, verify: Verify): void {
  viaParent(real, verify, (via) => mkdirSync(via, { mode: 0o755 }));
}
