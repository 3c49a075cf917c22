/** Process entry: real argv, real terminal, real exit code (after stdout has drained). */
import { runCli } from './main.ts';
import { nodeIo } from './node-io.ts';

void runCli(process.argv.slice(2), nodeIo(), process.cwd()).then((code) => {
  process.exitCode = code;
});
