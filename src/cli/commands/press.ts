/** `buttons press NAME`: run a button with validated args and print its result. */
import type { Command } from 'commander';
import { parseArgPairs } from '../../core/arg-values.ts';
import type { RunRecord } from '../../core/run-record.ts';
import { press } from '../../press/pipeline.ts';
import { interruptible } from '../../runners/interrupts.ts';
import type { OutputSink } from '../../runners/runner.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { collect, examples, secondsFlag } from '../help.ts';
import { paint } from '../output.ts';

interface PressFlags {
  arg: string[];
  timeout?: string;
  dryRun?: boolean;
  follow?: boolean;
}

function liveSink(ctx: CommandContext): OutputSink {
  // People see the script's own streams; agents (JSON mode) get them on stderr so stdout stays one envelope.
  return (stream, text) => {
    if (text === '') return;
    if (!ctx.mode.json && stream === 'stdout') ctx.io.stdout.write(text);
    else ctx.io.stderr.write(text);
  };
}

function renderRun(ctx: CommandContext, record: RunRecord, streamed: boolean): string {
  let text = '';
  if (!streamed) {
    if (record.stdout) text += record.stdout.endsWith('\n') ? record.stdout : `${record.stdout}\n`;
    if (record.stderr)
      ctx.io.stderr.write(record.stderr.endsWith('\n') ? record.stderr : `${record.stderr}\n`);
  }
  if (record.prompt) text += `${record.prompt.endsWith('\n') ? record.prompt : `${record.prompt}\n`}`;
  const cut = record.truncated.stdout || record.truncated.stderr ? ' (output truncated)' : '';
  const status =
    record.status === 'ok'
      ? paint(ctx.mode, 'green', 'ok')
      : paint(ctx.mode, 'red', `${record.error_type}: ${record.error?.message ?? record.status}`);
  ctx.io.stderr.write(
    `${paint(ctx.mode, 'dim', `[${record.button_name}]`)} ${status} ${paint(ctx.mode, 'dim', `${record.duration_ms} ms, run ${record.run_id}${cut}`)}\n`,
  );
  return text;
}

export async function pressCommand(
  ctx: CommandContext,
  name: string,
  flags: PressFlags,
): Promise<CommandResult> {
  const follow = flags.follow === true || (!ctx.mode.json && Boolean(ctx.io.stdout.isTTY));
  const options = {
    args: parseArgPairs(flags.arg),
    timeoutSeconds: secondsFlag('--timeout', flags.timeout),
    dryRun: flags.dryRun,
    onOutput: follow ? liveSink(ctx) : undefined,
    cwd: ctx.cwd,
  };
  const result = await interruptible((signal) => press(ctx.workspace(), name, { ...options, signal }));
  if (result.kind === 'dry-run') {
    const { kind: _, ok: __, ...plan } = result;
    return { data: { dry_run: true, ...plan }, text: `${JSON.stringify(plan, null, 2)}\n` };
  }
  const { record } = result;
  const text = ctx.mode.json ? undefined : renderRun(ctx, record, follow);
  return { data: record, text, error: result.error };
}

export function registerPress(
  program: Command,
  run: (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>,
): void {
  program
    .command('press')
    .description('run a button; args reach it only as BUTTONS_ARG_<NAME> env vars')
    .argument('<name>', 'the button to press')
    .option('--arg <name=value>', 'an arg value (repeatable)', collect, [])
    .option('--timeout <seconds>', "override the button's timeout")
    .option('--dry-run', 'validate and show what would run; run nothing')
    .option('--follow', 'stream output live (default in a terminal)')
    .addHelpText(
      'after',
      `${examples([
        'buttons press greet --arg who=world',
        'buttons press deploy --arg env=prod --timeout 600 --follow',
        'buttons press greet --arg who=world --dry-run --json',
      ])}
A timeout, Ctrl-C or SIGTERM ends the script's whole process tree (SIGTERM, then SIGKILL after
timeout.grace_seconds); the run is recorded as TIMEOUT (exit 11) or CANCELLED (exit 6).
`,
    )
    .action((name: string, flags: PressFlags) => run((ctx) => pressCommand(ctx, name, flags)));
}
