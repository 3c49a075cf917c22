/** What the CLI's sandbox commands load, in one lazily imported chunk (kept off every other command's path). */

export { defaultTracePath } from './audit/trace-files.ts';
/** Long-lived hosts (serve, MCP, drawers) call this once: a spare isolate is then always ready. */
export { keepSpareIsolate } from './engine/prepare.ts';
export { summarise } from './runs/outcome-error.ts';
export { captureOutput } from './runs/program-output.ts';
export { runProgram } from './runs/run-program.ts';
export { workspaceTools } from './tools/button-tools.ts';
