/**
 * How a press learns that the sandbox came up: the launcher writes one byte to its fd 3 right before it
 * becomes the script. That fd is an anonymous file, read once the press is over — no pipe to pump.
 */
import { closeSync, fstatSync } from 'node:fs';
import { openAnonymousFile } from '../store/anonymous-file.ts';

export interface StartSignal {
  /** The fd to hand the child as its fd 3. */
  readonly fd: number;
  /** After the press: did the script start? Releases the fd. */
  started(): boolean;
  release(): void;
}

export function startSignal(dir: string): StartSignal {
  const fd = openAnonymousFile(dir);
  let open = true;
  const release = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    fd,
    started() {
      try {
        return fstatSync(fd).size > 0;
      } finally {
        release();
      }
    },
    release,
  };
}
