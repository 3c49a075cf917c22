/** `buttons run FILE`: run a JS/TS program in the capability sandbox, with only the access granted. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { parseGrants } from '../../core/grants.ts';
import { makeRunId } from '../../core/run-id.ts';
import { interruptible } from '../../runners/interrupts.ts';
import { randomHex } from '../../store/random.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { GRANT_HELP } from '../grant-flags.ts';
import { examples, positiveInt, secondsFlag } from '../help.ts';
import { paint } from '../output.ts';

interface RunFlags {
  timeout?: string;
  timeoutSecs?: string;
  memory?: string;
  maxHeapMib?: string;
  trace?: string;
  traceFile?: string;
  follow?: boolean;
}

const MAX_CAPTURE_BYTES = 1024 * 1024;

function entryOf(ctx: CommandContext, file: string): string {
  const path = resolve(ctx.cwd, file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new ButtonsError(ErrorCode.NOT_FOUND, `no program file ${JSON.stringify(file)}`);
  }
  return path;
}

export async function runCommand(
  ctx: CommandContext,
  file: string,
  argv: string[],
  flags: RunFlags,
): Promise<CommandResult> {
  const entryPath = entryOf(ctx, file);
  const grants = parseGrants(ctx.grants, ctx.cwd);
  const timeout = secondsFlag('--timeout', flags.timeout ?? flags.timeoutSecs);
  if (timeout !== undefined && !(timeout > 0 && timeout <= 86_400)) {
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, '--timeout must be between 0 and 86400 seconds');
  }
  const memoryMib = positiveInt('--memory', flags.memory ?? flags.maxHeapMib, 128);
  if (memoryMib < 8 || memoryMib > 8192)
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, '--memory must be 8-8192 MiB');
  const ws = ctx.workspace();
  ws.ensure();
  const runId = makeRunId(new Date(), randomHex(6));
  const { runProgram, captureOutput, summarise, defaultTracePath, workspaceTools } = await import(
    '../../sandbox/cli-api.ts'
  );
  const tracePath = resolveTrace(ctx, flags) ?? defaultTracePath(ws.root, runId);
  ctx.io.stderr.write(
    `${paint(ctx.mode, 'dim', `run id ${runId} (revoke with: buttons revoke ${runId} CAP)`)}\n`,
  );
  const live = !ctx.mode.json
    ? (stream: 'stdout' | 'stderr', text: string) => ctx.io[stream].write(text)
    : flags.follow
      ? (_: string, text: string) => ctx.io.stderr.write(text)
      : undefined;
  const output = captureOutput(MAX_CAPTURE_BYTES, live);
  const tools = workspaceTools(ws, ctx.cwd, ctx.io.env);
  // Interruptible until the presses its program made through tools have ended and been recorded too.
  const result = await interruptible(async (signal) => {
    const ran = await runProgram({
      entryPath,
      argv,
      grants,
      cwd: ctx.cwd,
      env: ctx.io.env,
      dataRoot: ws.root,
      runId,
      limits: { memoryMib, ...(timeout === undefined ? {} : { timeoutMs: Math.round(timeout * 1000) }) },
      tracePath,
      write: output.write,
      memoryNamespace: `program:${entryPath}`,
      buttons: tools,
      signal,
    });
    await tools.settled();
    return ran;
  });
  const summary = summarise(result.outcome);
  const data = {
    run_id: runId,
    status: summary.status,
    exit_code: summary.exitCode,
    duration_ms: result.durationMs,
    ...(summary.limit ? { limit: summary.limit } : {}),
    ...(result.outcome.kind === 'error'
      ? {
          exception: {
            name: result.outcome.name,
            message: result.outcome.message,
            stack: result.outcome.stack,
          },
        }
      : {}),
    stdout: ctx.mode.json ? output.text('stdout') : undefined,
    stderr: ctx.mode.json ? output.text('stderr') : undefined,
    truncated: output.truncated,
    trace: tracePath,
  };
  if (!ctx.mode.json) {
    if (result.outcome.kind === 'error') ctx.io.stderr.write(`${result.outcome.stack}\n`);
    const status = summary.error
      ? paint(ctx.mode, 'red', `${summary.error.code}: ${summary.error.message}`)
      : paint(ctx.mode, 'green', 'ok');
    ctx.io.stderr.write(
      `${status} ${paint(ctx.mode, 'dim', `${result.durationMs} ms, run ${runId}, trace ${tracePath}`)}\n`,
    );
  }
  return { data, text: '', error: summary.error };
}

function resolveTrace(ctx: CommandContext, flags: RunFlags): string | undefined {
  const given = flags.trace ?? flags.traceFile;
  return given === undefined ? undefined : resolve(ctx.cwd, given);
}

export function registerRun(
  program: Command,
  run: (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>,
): void {
  program
    .command('run')
    .description('run a JS/TS program in the capability sandbox (nothing reachable unless granted)')
    .argument('<file>', 'the program: .js, .mjs, .ts or .mts')
    .argument('[args...]', 'arguments for the program (process.argv.slice(2)); put them after --')
    .option('--timeout <seconds>', 'wall-clock limit (default 60)')
    .option('--timeout-secs <seconds>', 'same as --timeout')
    .option('--memory <mib>', 'heap limit in MiB (default 128)')
    .option('--max-heap-mib <mib>', 'same as --memory')
    .option('--trace <file>', 'write the NDJSON audit trace here (default: under the data dir, runs/)')
    .option('--trace-file <file>', 'same as --trace')
    .option('--follow', 'with --json: stream the program output to stderr while it runs')
    .addHelpText(
      'after',
      `${GRANT_HELP}\n${examples([
        'buttons run agent.ts --allow-fs=./data:rw --allow-net=api.example.com',
        'buttons run hello.js --timeout 5 --memory 64',
        'buttons run agent.ts --allow-env=API_KEY --trace trace.ndjson -- --verbose',
      ])}`,
    )
    .action((file: string, args: string[], flags: RunFlags) =>
      run((ctx) => runCommand(ctx, file, args, flags)),
    );
}
