/** Listens on the pipe the launcher writes one byte to once the sandbox is up and the script is about to start. */
import type { Readable } from 'node:stream';

export interface StartSignal {
  /** Hand this to the process runner (ScriptCommand.onFd3). */
  attach(pipe: Readable): void;
  /** After the press: did the script start? Waits (bounded) for the pipe's end so no late byte is missed. */
  started(): Promise<boolean>;
}

export function startSignal(): StartSignal {
  let started = false;
  let pipe: Readable | undefined;
  let ended: Promise<void> = Promise.resolve();
  return {
    attach(p) {
      pipe = p;
      ended = new Promise((resolve) => {
        p.once('end', resolve);
        p.once('close', resolve);
        p.once('error', () => resolve());
      });
      p.on('data', () => {
        started = true;
      });
    },
    async started() {
      if (!started) await Promise.race([ended, new Promise((r) => setTimeout(r, 1000).unref())]);
      pipe?.destroy();
      return started;
    },
  };
}
