/**
 * Paths as the checker sees them: absolute, `..` removed, every symlink resolved. A path that does not
 * exist yet resolves through its longest existing ancestor, so a new file is judged by the real folder
 * it would land in.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { normalisePath } from '../../core/grants.ts';
import { guestError } from '../engine/replies.ts';

export function absolutePath(cwd: string, path: string): string {
  if (typeof path !== 'string' || path === '') throw guestError('TypeError', 'a path is required');
  if (path.includes('\0')) throw guestError('TypeError', 'paths may not contain NUL bytes');
  return normalisePath(path.startsWith('/') ? path : `${cwd}/${path}`);
}

export function resolveReal(path: string): string {
  try {
    return realpathSync.native(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (path === '/' || (code !== 'ENOENT' && code !== 'ENOTDIR')) return path;
    return join(resolveReal(dirname(path)), basename(path));
  }
}
