/** Host path facts the mount plan needs: real paths (symlinks resolved) of things that exist. */
import { realpathSync } from 'node:fs';

/** The real path of `path`, or undefined when it does not exist (a missing grant simply mounts nothing). */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
