/** The bubblewrap command line for a sandbox: namespaces first, then the filesystem view, then the command. */
import type { Mount } from './mount-plan.ts';
import { PRIVATE_HOME } from './sandbox-view.ts';

export interface BwrapLayout {
  mounts: readonly Mount[];
  shareNet: boolean;
  /** The working directory inside (must be visible there). */
  cwd: string;
}

/** Namespaces and process hygiene, the same for every press. */
function isolationFlags(shareNet: boolean): string[] {
  return [
    // The sandbox dies with the press, and nothing in it outlives its PID namespace's first process.
    '--die-with-parent',
    '--unshare-pid',
    // A new session: no controlling terminal to push keystrokes into (TIOCSTI).
    '--new-session',
    '--unshare-ipc',
    ...(shareNet ? [] : ['--unshare-net']),
    // When run as root bubblewrap would keep every capability; the script needs none.
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
  ];
}

function mountArgs(mount: Mount): string[] {
  switch (mount.kind) {
    case 'hide':
      // Read-only by mode rather than by a remount (one mount less per press): the script owns the
      // tmpfs and could chmod it back, but whatever it writes there stays in the sandbox.
      return ['--perms', '0555', '--tmpfs', mount.path];
    case 'scratch':
      return ['--tmpfs', mount.path, '--dir', PRIVATE_HOME];
    case 'rw':
      return ['--bind-try', mount.source ?? mount.path, mount.path];
    case 'ro':
      return ['--ro-bind-try', mount.source ?? mount.path, mount.path];
  }
}

export function bwrapArgs(layout: BwrapLayout, command: readonly string[]): string[] {
  return [
    ...isolationFlags(layout.shareNet),
    ...layout.mounts.flatMap(mountArgs),
    '--chdir',
    layout.cwd,
    '--',
    ...command,
  ];
}
