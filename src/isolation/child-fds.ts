/**
 * The fds a sandboxed child gets from 3 on: the start signal on 3, then /dev/null over every fd this
 * process inherited without close-on-exec. bubblewrap hands open fds on into the sandbox, and one that
 * points at a folder, a file or a socket outside would be a way around the mounts.
 */
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';

const CLOSE_ON_EXEC = 0o2000000;

/** Fds ≥ 3 open in this process that a child would inherit (Node opens its own with close-on-exec). */
export function inheritableFds(): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc/self/fd');
  } catch {
    return [];
  }
  return names.map(Number).filter((fd) => {
    if (fd < 3) return false;
    try {
      const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'))?.[1];
      return flags !== undefined && (Number.parseInt(flags, 8) & CLOSE_ON_EXEC) === 0;
    } catch {
      return false;
    }
  });
}

export interface ChildFds {
  /** For ScriptCommand.extraFds: index 0 is the child's fd 3. */
  fds: (number | 'pipe' | 'ignore')[];
  release(): void;
}

export function sandboxFds(startFd: number): ChildFds {
  const leaked = inheritableFds();
  if (leaked.length === 0) return { fds: [startFd], release: () => {} };
  const devNull = openSync('/dev/null', 'r');
  const fds: ChildFds['fds'] = [startFd];
  for (let fd = 4; fd <= Math.max(...leaked); fd++) fds.push(leaked.includes(fd) ? devNull : 'ignore');
  return { fds, release: () => closeSync(devNull) };
}
