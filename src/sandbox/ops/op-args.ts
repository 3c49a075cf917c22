/** Reading guest payloads (untrusted JSON) and turning host failures into errors fit for the guest. */
import { GuestError, guestError } from '../engine/replies.ts';

export function record(payload: unknown): Record<string, unknown> {
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}

export function stringArg(payload: unknown, key: string): string {
  const value = record(payload)[key];
  if (typeof value !== 'string') throw guestError('TypeError', `${key} must be a string`);
  return value;
}

const FS_MESSAGES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EEXIST: 'already exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENOTEMPTY: 'directory not empty',
  EACCES: 'permission denied by the operating system',
  EPERM: 'operation not permitted by the operating system',
  ELOOP: 'is a symbolic link (links are not followed here)',
  EFBIG: 'file too large for the sandbox',
  EINVAL: 'not a regular file',
  ECHANGED: 'the path changed while it was being accessed',
};

/** A file error the guest may see: the code and the path it asked for, never host-internal paths. */
export function fsErrorFor(error: unknown, shown: string): Error {
  if (error instanceof GuestError && error.payload.name === 'PermissionError') return error;
  const code =
    error instanceof GuestError
      ? error.payload.code
      : ((error as NodeJS.ErrnoException | null)?.code ?? undefined);
  if (code === undefined || !Object.hasOwn(FS_MESSAGES, code)) {
    return error instanceof GuestError
      ? error
      : guestError('Error', `file operation failed: ${JSON.stringify(shown)}`, 'EIO');
  }
  return guestError('Error', `${code}: ${FS_MESSAGES[code]}: ${JSON.stringify(shown)}`, code);
}
