/** What the CLI's sandbox commands load, in one lazily imported chunk (kept off every other command's path). */

/** Long-lived hosts (serve, MCP, drawers) call this once: a spare isolate is then always ready. */
export { keepSpareIsolate } from './engine/prepare.ts';
export { summarise } from './outcome-error.ts';
export { captureOutput } from './program-output.ts';
export { runProgram } from './run-program.ts';
export { workspaceTools } from './tools/button-tools.ts';
export { defaultTracePath } from './trace-files.ts';
