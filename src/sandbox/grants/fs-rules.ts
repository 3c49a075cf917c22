/**
 * File grants as pure rules: a grant covers its root and everything below it by whole path components
 * (`/data` covers `/data/x`, never `/database`). Modes are letters: r read, w write an existing file,
 * c create, d delete — so `r`, `rw` and `rwcd` are the three spellings a grant can have.
 */
import type { FsMode } from '../../core/grants.ts';

export const FsAccess = { read: 'r', write: 'w', create: 'c', delete: 'd' } as const;
export type FsAccess = (typeof FsAccess)[keyof typeof FsAccess];

export const ACCESS_NAMES: Readonly<Record<FsAccess, string>> = {
  r: 'read',
  w: 'write',
  c: 'create',
  d: 'delete',
};

export interface FsRoot {
  /** Absolute, symlink-free path. */
  path: string;
  mode: FsMode;
}

export function modeAllows(mode: FsMode, access: FsAccess): boolean {
  return mode.includes(access);
}

/** True when `path` is `root` or lies below it, compared component by component. */
export function within(root: string, path: string): boolean {
  if (root === '/') return path.startsWith('/');
  return path === root || path.startsWith(`${root}/`);
}

/** The narrowest mode that would allow `access`, for the hint in a denial. */
export function modeFor(access: FsAccess): FsMode {
  return access === 'r' ? 'r' : access === 'w' ? 'rw' : 'rwcd';
}

/** Some grant covers `path` with a mode that includes `access`. */
export function fsAllowed(roots: readonly FsRoot[], path: string, access: FsAccess): boolean {
  return roots.some((root) => within(root.path, path) && modeAllows(root.mode, access));
}
