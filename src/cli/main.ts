/** argv → command → envelope. The only module that decides what is printed and with which exit code. */
import { ButtonsError, toButtonsError } from '../core/errors.ts';
import type { GrantInput } from '../core/grants.ts';
import { reapUnfinished } from '../press/unfinished.ts';
import { pressCommand } from './commands/press.ts';
import { type CommandContext, makeContext } from './context.ts';
import { parseFastPress } from './fast-press.ts';
import { extractGrantFlags } from './grant-flags.ts';
import {
  errorEnvelope,
  exitCodeFor,
  type Io,
  outputMode,
  renderErrorText,
  successEnvelope,
} from './output.ts';
import type { RunAction } from './registry.ts';

/**
 * Presses whose buttons process died under them (SIGKILL, the OOM killer) are ended and recorded by the
 * next command (see press/unfinished.ts). Best effort: no command fails because an old press could not be.
 */
async function endOrphanedPresses(ctx: CommandContext): Promise<void> {
  try {
    await reapUnfinished(ctx.workspace());
  } catch {
    // Left for the next command.
  }
}

export async function runCli(rawArgs: readonly string[], io: Io, cwd: string): Promise<number> {
  const mode = outputMode(io, rawArgs.includes('--json'));
  let exitCode = 0;

  const fail = (error: ButtonsError, data?: unknown): void => {
    const envelope = errorEnvelope(error.toJSON(), data);
    if (mode.json) io.stdout.write(envelope);
    else io.stderr.write(renderErrorText(mode, error.toJSON()));
    exitCode = exitCodeFor(error.code);
  };

  let grants: GrantInput[];
  let argv: string[];
  try {
    ({ rest: argv, grants } = extractGrantFlags(rawArgs.filter((a) => a !== '--json')));
  } catch (error) {
    fail(toButtonsError(error));
    return exitCode;
  }
  const ctx = makeContext(io, mode, cwd, grants);

  const run: RunAction = async (action) => {
    try {
      await endOrphanedPresses(ctx);
      const result = await action(ctx);
      if (result.error) {
        const error = new ButtonsError(result.error.code, result.error.message, result.error.hint);
        if (mode.json) fail(error, result.data);
        else {
          if (result.text) io.stdout.write(result.text);
          exitCode = exitCodeFor(error.code);
        }
        return;
      }
      io.stdout.write(
        mode.json
          ? successEnvelope(result.data)
          : (result.text ?? `${JSON.stringify(result.data, null, 2)}\n`),
      );
    } catch (error) {
      fail(toButtonsError(error));
    } finally {
      try {
        ctx.workspace().close();
      } catch {
        // Closing is best effort; the data is already written.
      }
    }
  };

  const fast = grants.length === 0 ? parseFastPress(argv) : undefined;
  try {
    if (fast) await run((c) => pressCommand(c, fast.name, fast.flags));
    else await (await import('./program.ts')).runProgram(argv, io, run);
  } catch (error) {
    fail(toButtonsError(error));
  }
  return exitCode;
}
