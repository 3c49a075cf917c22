/** Every path built from input must stay inside its root once `..` and symlinks are resolved. */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ButtonsError, ErrorCode } from '../core/errors.ts';

/** Resolves the deepest existing ancestor through symlinks, then appends the rest. */
function realpathLoose(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return resolve(realpathLoose(parent), relative(parent, path));
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(realpathLoose(resolve(root)), realpathLoose(resolve(root, path)));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function assertInside(root: string, path: string, what: string): string {
  const full = resolve(root, path);
  if (!isInside(root, full)) {
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `${what} resolves outside ${root}; refused`);
  }
  return full;
}
