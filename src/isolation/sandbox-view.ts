/**
 * What a sandboxed script may see: the read-only system root minus the home directory, the data directory,
 * /run (session sockets: D-Bus, SSH and GPG agents, Docker) and the host's /tmp; plus its granted folders,
 * its entry file, its interpreter and granted programs.
 */
import { basename, dirname } from 'node:path';
import type { FsGrant } from '../core/grants.ts';
import { realPath } from './host-paths.ts';
import { isVisible, isWithin, type Mount, orderMounts, pruneHides } from './mount-plan.ts';

export const PRIVATE_TMP = '/tmp';
export const PRIVATE_HOME = '/tmp/home';

export interface ViewInput {
  /** Folders to hide: the home directory (as $HOME and as the account says) and the data directory. */
  hidden: readonly string[];
  fs: readonly FsGrant[];
  /** The button's entry script (read-only). */
  entry: string;
  /** The interpreter as found on PATH. */
  interpreter: string;
  /** Granted programs, as found on PATH (each file is exposed read-only). */
  programs: readonly string[];
  /** PATH entries (those under a hidden folder such as /run on NixOS are re-exposed read-only). */
  pathDirs: readonly string[];
  shareNet: boolean;
}

function hides(input: ViewInput): Mount[] {
  const mounts: Mount[] = [{ kind: 'scratch', path: PRIVATE_TMP }];
  if (realPath('/run') !== undefined) mounts.push({ kind: 'hide', path: '/run' });
  for (const folder of input.hidden) {
    const real = realPath(folder);
    // Hiding / (a home of "/") would hide the system itself; the rest of the boundary still holds.
    if (real !== undefined && real !== '/') mounts.push({ kind: 'hide', path: real });
  }
  return mounts;
}

/** Read-only mounts for a program that would otherwise be hidden: its install prefix when self-contained. */
function exposeProgram(path: string, hidden: readonly Mount[], prefixAllowed: boolean): Mount[] {
  const ordered = orderMounts(hidden);
  const mounts: Mount[] = [];
  for (const candidate of new Set([path, realPath(path) ?? path])) {
    if (isVisible(candidate, ordered)) continue;
    const bin = dirname(candidate);
    const prefix = dirname(bin);
    // A prefix two folders below the hidden root (~/.nvm/versions/node/v24, a venv) is an install; one right
    // under it (~/.local, ~/.cargo) holds other things too — keyrings, tokens — so only the file goes in.
    const root = ordered.findLast(
      (m) => (m.kind === 'hide' || m.kind === 'scratch') && isWithin(candidate, m.path),
    );
    const deepEnough = root !== undefined && prefix.split('/').length - root.path.split('/').length >= 2;
    if (prefixAllowed && basename(bin) === 'bin' && deepEnough) {
      mounts.push({ kind: 'ro', path: prefix, source: realPath(prefix) ?? prefix });
    } else {
      mounts.push({ kind: 'ro', path: candidate, source: realPath(candidate) ?? candidate });
    }
  }
  return mounts;
}

function grants(fs: readonly FsGrant[]): Mount[] {
  return fs.flatMap((grant) => {
    const real = realPath(grant.path);
    if (real === undefined) return [];
    return [{ kind: grant.mode === 'r' ? 'ro' : 'rw', path: real } as const];
  });
}

/** Under a hidden folder, a file the resolver or PATH needs (e.g. /etc/resolv.conf → /run/…, NixOS /run/current-system). */
function systemLinks(input: ViewInput, hidden: readonly Mount[]): Mount[] {
  const ordered = orderMounts(hidden);
  const wanted = input.pathDirs.filter((dir) => dir.startsWith('/run/'));
  const mounts: Mount[] = [];
  for (const dir of wanted) {
    const real = realPath(dir);
    if (real !== undefined && isVisible(real, ordered)) mounts.push({ kind: 'ro', path: dir, source: real });
  }
  const resolv = realPath('/etc/resolv.conf');
  if (input.shareNet && resolv !== undefined && !isVisible(resolv, ordered))
    mounts.push({ kind: 'ro', path: resolv });
  return mounts;
}

/** Every mount of the sandbox, ordered for bubblewrap. */
export function sandboxView(input: ViewInput): Mount[] {
  const hidden = hides(input);
  const entry = realPath(input.entry) ?? input.entry;
  return pruneHides(
    orderMounts([
      ...hidden,
      ...systemLinks(input, hidden),
      ...exposeProgram(input.interpreter, hidden, true),
      ...input.programs.flatMap((program) => exposeProgram(program, hidden, false)),
      ...grants(input.fs),
      { kind: 'ro', path: entry },
    ]),
  );
}
