/** argv → command → envelope. The only module that decides what is printed and with which exit code. */
import { Command, CommanderError } from 'commander';
import { ButtonsError, ErrorCode, toButtonsError } from '../core/errors.ts';
import type { GrantInput } from '../core/grants.ts';
import { makeContext } from './context.ts';
import { extractGrantFlags } from './grant-flags.ts';
import { examples } from './help.ts';
import {
  errorEnvelope,
  exitCodeFor,
  type Io,
  outputMode,
  renderErrorText,
  successEnvelope,
} from './output.ts';
import { REGISTRARS, type RunAction } from './registry.ts';

const TOP_EXAMPLES = examples([
  'buttons create greet --code \'echo "hello $BUTTONS_ARG_WHO"\' --arg who:string:required',
  'buttons press greet --arg who=world',
  'buttons history greet --last 5',
  'buttons summary --json',
]);

const OUTPUT_HELP = `
Output: JSON envelopes {"ok":true,"data":…} / {"ok":false,"error":{"code","message","hint"}} with --json
or whenever stdout is not a terminal. Exit codes are listed in the README (0 = ok).`;

/** `buttons NAME` is short for `buttons inspect NAME`. */
function expandShorthand(argv: string[], program: Command): string[] {
  const first = argv[0];
  if (first === undefined || first.startsWith('-')) return argv;
  const known =
    program.commands.some((c) => c.name() === first || c.aliases().includes(first)) || first === 'help';
  return known ? argv : ['inspect', ...argv];
}

export async function runCli(rawArgs: readonly string[], io: Io, cwd: string): Promise<number> {
  const jsonFlag = rawArgs.includes('--json');
  const mode = outputMode(io, jsonFlag);
  let exitCode = 0;

  const fail = (error: ButtonsError, data?: unknown): void => {
    io[mode.json ? 'stdout' : 'stderr'].write(
      mode.json ? errorEnvelope(error.toJSON(), data) : renderErrorText(mode, error.toJSON()),
    );
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

  const program = new Command('buttons')
    .description(
      'Build, press and chain reusable actions — scripts, HTTP requests, prompts, sandboxed programs.',
    )
    .option('--json', 'print the JSON envelope (default when stdout is not a terminal)')
    .addHelpText('after', `${TOP_EXAMPLES}${OUTPUT_HELP}`)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} });
  program.configureHelp({ sortSubcommands: false });
  for (const register of REGISTRARS) register(program, run);
  for (const sub of program.commands)
    sub.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} });

  if (argv.length === 0) {
    io.stdout.write(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(expandShorthand(argv, program), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
      )
        return 0;
      fail(
        new ButtonsError(
          ErrorCode.USAGE,
          error.message.replace(/^error: /, ''),
          'Run `buttons --help` or `buttons COMMAND --help`.',
        ),
      );
      return exitCode;
    }
    fail(toButtonsError(error));
  }
  return exitCode;
}
