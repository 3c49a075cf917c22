/**
 * The sandbox's view of the filesystem, as mounts laid over a read-only copy of `/`. Mounts are applied
 * shallow to deep, so the deepest mount covering a path decides what the script sees there: a grant inside
 * the hidden home re-exposes that folder, and the data directory stays hidden inside a granted home.
 */

export const MountKind = {
  /** An empty tmpfs (mode 0555) over a folder the script must not see. */
  hide: 'hide',
  /** A private, writable, empty tmpfs (the sandbox's /tmp). */
  scratch: 'scratch',
  /** The host folder or file, writable. */
  rw: 'rw',
  /** The host folder or file, read-only. */
  ro: 'ro',
} as const;
export type MountKind = (typeof MountKind)[keyof typeof MountKind];

export interface Mount {
  kind: MountKind;
  /** Where the script sees it (absolute, normalised). */
  path: string;
  /** What is mounted there, for rw/ro (defaults to `path`). */
  source?: string | undefined;
}

/** On the same path the later mount wins: stricter kinds come last. */
const RANK: Readonly<Record<MountKind, number>> = { hide: 0, scratch: 1, rw: 2, ro: 3 };

function depth(path: string): number {
  return path === '/' ? 0 : path.split('/').length - 1;
}

export function isWithin(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

/** Deduplicates and orders mounts so that deeper ones are applied later, the stricter last on a tie. */
export function orderMounts(mounts: readonly Mount[]): Mount[] {
  const seen = new Set<string>();
  const unique = mounts.filter((m) => {
    const key = `${m.kind}\0${m.path}\0${m.source ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => depth(a.path) - depth(b.path) || RANK[a.kind] - RANK[b.kind]);
}

/** Drops hides that lie inside another hide with nothing re-exposed in between: each mount costs time per press. */
export function pruneHides(ordered: readonly Mount[]): Mount[] {
  return ordered.filter((mount, i) => {
    if (mount.kind !== 'hide') return true;
    const outer = coveringMount(mount.path, ordered.slice(0, i));
    return outer === undefined || outer.kind === 'rw' || outer.kind === 'ro';
  });
}

/** The mount that decides what the script sees at `path` (undefined: the read-only root). */
export function coveringMount(path: string, ordered: readonly Mount[]): Mount | undefined {
  let found: Mount | undefined;
  for (const mount of ordered) if (isWithin(path, mount.path)) found = mount;
  return found;
}

/** True when `path` shows the host's content inside the sandbox (read-only or writable). */
export function isVisible(path: string, ordered: readonly Mount[]): boolean {
  const mount = coveringMount(path, ordered);
  return mount === undefined || mount.kind === 'ro' || mount.kind === 'rw';
}
