/** Every command of the CLI, in help order. A new command adds one line here. */
import type { Command } from 'commander';
import { registerBatteries } from './commands/batteries.ts';
import { registerBrowse } from './commands/browse.ts';
import { registerConfig } from './commands/config.ts';
import { registerCreate } from './commands/create.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerPress } from './commands/press.ts';
import { registerRevoke } from './commands/revoke.ts';
import { registerRun } from './commands/run.ts';
import { registerSummary } from './commands/summary.ts';
import type { CommandContext, CommandResult } from './context.ts';

export type RunAction = (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>;

export const REGISTRARS: readonly ((program: Command, run: RunAction) => void)[] = [
  registerCreate,
  registerPress,
  registerRun,
  registerRevoke,
  registerBrowse,
  registerSummary,
  registerBatteries,
  registerConfig,
  registerDoctor,
];
