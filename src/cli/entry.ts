/**
 * The bundle's entry (dist/cli.js): bin/buttons.js loads it and calls `main` with the real argv;
 * scripts/train-code-cache.mjs calls it several times in one process to warm the code cache.
 */
import { runCli } from './main.ts';
import { nodeIo } from './node-io.ts';

/** Runs one command against the real terminal; resolves to its exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, nodeIo(), process.cwd());
}
