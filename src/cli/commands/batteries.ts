/** `buttons batteries set|get|list|rm`: secrets for buttons, never printed unless asked with --reveal. */
import type { Command } from 'commander';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { REDACTED } from '../../core/redact.ts';
import {
  type BatteryScope,
  batteryEnvName,
  defaultScope,
  loadBatteries,
  removeBattery,
  setBattery,
} from '../../store/batteries-store.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { examples } from '../help.ts';
import { renderTable } from '../output.ts';

type Run = (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>;

function scopeOf(ctx: CommandContext, global: boolean | undefined): BatteryScope {
  return global ? 'global' : defaultScope(ctx.workspace());
}

async function setCommand(
  ctx: CommandContext,
  key: string,
  value: string | undefined,
  flags: { global?: boolean },
): Promise<CommandResult> {
  let secret = value;
  if (secret === undefined || secret === '-') {
    if (ctx.io.stdinIsTTY && secret === undefined) {
      throw new ButtonsError(
        ErrorCode.USAGE,
        'give the value as an argument, or pipe it on stdin',
        `printf %s "$TOKEN" | buttons batteries set ${key}`,
      );
    }
    secret = (await ctx.io.readStdin()).replace(/\r?\n$/, '');
  }
  const scope = scopeOf(ctx, flags.global);
  await setBattery(ctx.workspace(), key, secret, scope);
  return {
    data: { key, scope, env: batteryEnvName(key) },
    text: `Set battery ${key} (${scope}); buttons see it as $${batteryEnvName(key)}.\n`,
  };
}

async function getCommand(
  ctx: CommandContext,
  key: string,
  flags: { reveal?: boolean },
): Promise<CommandResult> {
  const entry = (await loadBatteries(ctx.workspace())).get(key);
  if (!entry)
    throw new ButtonsError(ErrorCode.NOT_FOUND, `battery ${key} not found`, 'Run `buttons batteries list`.');
  const value = flags.reveal ? entry.value : REDACTED;
  return { data: { key, scope: entry.scope, value }, text: `${value}\n` };
}

async function listBatteries(ctx: CommandContext): Promise<CommandResult> {
  const entries = [...(await loadBatteries(ctx.workspace())).values()].map((e) => ({
    key: e.key,
    scope: e.scope,
    env: batteryEnvName(e.key),
    value: REDACTED,
  }));
  const text =
    entries.length === 0
      ? 'No batteries. Set one: buttons batteries set KEY VALUE\n'
      : renderTable(
          ['KEY', 'SCOPE', 'ENV'],
          entries.map((e) => [e.key, e.scope, e.env]),
        );
  return { data: { batteries: entries }, text };
}

async function rmCommand(
  ctx: CommandContext,
  key: string,
  flags: { global?: boolean },
): Promise<CommandResult> {
  const scope = await removeBattery(ctx.workspace(), key, flags.global ? 'global' : undefined);
  return { data: { removed: key, scope }, text: `Removed battery ${key} (${scope}).\n` };
}

export function registerBatteries(program: Command, run: Run): void {
  const batteries = program
    .command('batteries')
    .description('secrets injected into presses as BUTTONS_BAT_<KEY> (project-local overrides global)')
    .addHelpText(
      'after',
      examples([
        'buttons batteries set GITHUB_TOKEN ghp_…',
        'printf %s "$TOKEN" | buttons batteries set API_TOKEN',
        'buttons batteries list',
        'buttons batteries rm API_TOKEN',
      ]),
    );
  batteries
    .command('set')
    .description('set a battery; with no value (or "-") it is read from stdin')
    .argument('<key>', 'KEY matching [A-Z][A-Z0-9_]*')
    .argument('[value]')
    .option('--global', 'write to ~/.buttons instead of the data directory in use')
    .action((key: string, value: string | undefined, flags: { global?: boolean }) =>
      run((ctx) => setCommand(ctx, key, value, flags)),
    );
  batteries
    .command('get')
    .description('show a battery (masked unless --reveal)')
    .argument('<key>')
    .option('--reveal', 'print the value itself')
    .action((key: string, flags: { reveal?: boolean }) => run((ctx) => getCommand(ctx, key, flags)));
  batteries
    .command('list')
    .alias('ls')
    .description('list battery keys (values masked)')
    .action(() => run((ctx) => listBatteries(ctx)));
  batteries
    .command('rm')
    .description('remove a battery (the project-local one first)')
    .argument('<key>')
    .option('--global', 'remove the global one')
    .action((key: string, flags: { global?: boolean }) => run((ctx) => rmCommand(ctx, key, flags)));
}
