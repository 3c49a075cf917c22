/** The real terminal behind the Io port. */
import { isatty } from 'node:tty';
import { fdWriter } from './fd-writer.ts';
import type { Io } from './output.ts';

export function nodeIo(): Io {
  return {
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    // isatty(0), not process.stdin.isTTY: touching process.stdin builds a stream and loads a dozen modules.
    stdinIsTTY: isatty(0),
    env: process.env,
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    async confirm(question) {
      // Loaded only when a question is asked: readline is not free at start-up.
      const { createInterface } = process.getBuiltinModule('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
  };
}
