/**
 * Which grants an OS-isolated script button can honour. The OS boundary is coarser than the JS sandbox:
 * a script gets no network or all of it, and a writable folder lets it create and delete files too
 * (so `rw` and `rwcd` mean the same here). Anything it cannot enforce exactly is refused, never widened.
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { Grants } from '../core/grants.ts';

/** Kernel-provided trees: bubblewrap mounts the sandbox's own; binding the host's would expose its processes. */
const RESERVED_ROOTS = ['/proc', '/dev'];

function refuse(message: string, hint: string): ButtonsError {
  return new ButtonsError(ErrorCode.VALIDATION_ERROR, message, hint);
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

export function checkIsolationGrants(grants: Grants): void {
  if (grants.all) {
    throw refuse(
      '--allow-all cannot be combined with --sandbox on a script button: a sandbox that allows everything is no sandbox',
      'Grant what the script needs (--allow-fs, --allow-net=*, --allow-env), or drop --sandbox to run it with your own rights.',
    );
  }
  const hosts = grants.net.filter((host) => host !== '*');
  if (hosts.length > 0) {
    throw refuse(
      `--allow-net=${hosts.join(',')}: host lists are a JS-sandbox feature; a sandboxed script gets either no network or all of it`,
      'Use --allow-net=* to give the script the network (loopback and private addresses included), or write the button in JS/TS (--runtime js|ts) to allow single hosts.',
    );
  }
  if (grants.press.length > 0) {
    throw refuse(
      `--allow-press=${grants.press.join(',')}: a sandboxed script cannot press other buttons`,
      'Pressing buttons as tools is a JS-sandbox feature: use --runtime js|ts, or chain the buttons in a drawer.',
    );
  }
  for (const grant of grants.fs) {
    const reserved = RESERVED_ROOTS.find((root) => isUnder(grant.path, root));
    if (reserved !== undefined) {
      throw refuse(
        `--allow-fs=${grant.path}: ${reserved} inside the sandbox is its own; the host's cannot be granted`,
        `Remove the grant: the script already sees a private ${reserved}.`,
      );
    }
  }
}
