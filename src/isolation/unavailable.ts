/** Finding bubblewrap, and the SANDBOX_UNAVAILABLE errors (with how to fix them) when it cannot be used. */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { findProgram } from '../runners/find-program.ts';

export const INSTALL_HINT =
  'Install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap; ' +
  'Arch: sudo pacman -S bubblewrap) and make sure `bwrap` is on PATH. `buttons doctor` checks the set-up.';

export const USERNS_HINT =
  'bubblewrap needs unprivileged user namespaces. Enable them (sudo sysctl kernel.unprivileged_userns_clone=1 on ' +
  'older Debian; on Ubuntu 24.04+ install the bubblewrap AppArmor profile or set ' +
  'kernel.apparmor_restrict_unprivileged_userns=0), or in a container allow them (e.g. docker run ' +
  '--security-opt seccomp=unconfined --security-opt apparmor=unconfined). `buttons doctor` shows what is available.';

/** The bwrap on PATH ($PATH is trusted); a missing one stops the press — a sandboxed button never runs without it. */
export function locateBwrap(path: string | undefined): string {
  const found = findProgram('bwrap', path);
  if (found === undefined) {
    throw new ButtonsError(
      ErrorCode.SANDBOX_UNAVAILABLE,
      'this button runs sandboxed, and bubblewrap (bwrap) was not found on PATH; it did not run',
      INSTALL_HINT,
    );
  }
  return found;
}

/** bubblewrap's own complaint: its first "bwrap: …" line (the script never ran, so nothing else wrote there). */
export function bwrapComplaint(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith('bwrap: ')) ?? stderr.split('\n')[0] ?? '';
  return line.replace(/^bwrap: /, '').trim() || 'it exited before starting the script';
}

const NAMESPACE_TROUBLE = /namespace|uid map|gid map|setgroups|Operation not permitted|Permission denied/i;

export function sandboxFailed(stderr: string): ButtonsError {
  const complaint = bwrapComplaint(stderr);
  return new ButtonsError(
    ErrorCode.SANDBOX_UNAVAILABLE,
    `bubblewrap could not create the sandbox (${complaint}); the script did not run`,
    /Unknown option/.test(complaint)
      ? `This bubblewrap is too old (0.5 or later is needed). ${INSTALL_HINT}`
      : NAMESPACE_TROUBLE.test(complaint)
        ? USERNS_HINT
        : 'Run `buttons doctor` to see what is missing.',
  );
}
