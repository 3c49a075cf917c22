/** The full command tree (commander), loaded for every command except the plain forms of `press`. */
import { Command, CommanderError } from 'commander';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { examples } from './help.ts';
import type { Io } from './output.ts';
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

function buildProgram(io: Io, run: RunAction): Command {
  const writeOut = (s: string) => io.stdout.write(s);
  const program = new Command('buttons')
    .description(
      'Build, press and chain reusable actions — scripts, HTTP requests, prompts, sandboxed programs.',
    )
    .option('--json', 'print the JSON envelope (default when stdout is not a terminal)')
    .addHelpText('after', `${TOP_EXAMPLES}${OUTPUT_HELP}`)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut, writeErr: () => {} });
  for (const register of REGISTRARS) register(program, run);
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut, writeErr: () => {} });
  return program;
}

/** `buttons NAME` is short for `buttons inspect NAME`. */
function expandShorthand(argv: string[], program: Command): string[] {
  const first = argv[0];
  if (first === undefined || first.startsWith('-')) return argv;
  const known =
    first === 'help' || program.commands.some((c) => c.name() === first || c.aliases().includes(first));
  return known ? argv : ['inspect', ...argv];
}

/** Parses argv and runs the matching command through `run`; usage errors come back as ButtonsError. */
export async function runProgram(argv: string[], io: Io, run: RunAction): Promise<void> {
  const program = buildProgram(io, run);
  if (argv.length === 0) {
    io.stdout.write(program.helpInformation());
    return;
  }
  try {
    await program.parseAsync(expandShorthand(argv, program), { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return;
    throw new ButtonsError(
      ErrorCode.USAGE,
      error.message.replace(/^error: /, ''),
      'Run `buttons --help` or `buttons COMMAND --help`.',
    );
  }
}
