/** Process entry: real argv, real terminal, real exit code (after stdout has drained). */
import { runCli } from './main.ts';
import { nodeIo } from './node-io.ts';

const code = await runCli(process.argv.slice(2), nodeIo(), process.cwd());
process.exitCode = code;
