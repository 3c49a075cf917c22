/** `buttons doctor`: what this machine offers for running buttons safely (today: OS isolation for scripts). */
import type { Command } from 'commander';
import type { IsolationReport } from '../../isolation/probe.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { examples } from '../help.ts';
import { paint, renderTable } from '../output.ts';
import type { RunAction } from '../registry.ts';

function renderIsolation(ctx: CommandContext, report: IsolationReport): string {
  const yes = (ok: boolean | null, text: string) =>
    ok === null ? text : paint(ctx.mode, ok ? 'green' : 'red', text);
  const userns = report.user_namespaces;
  const rows = [
    ['sandboxed scripts', yes(report.available, report.available ? 'available' : 'unavailable')],
    [
      'bubblewrap',
      report.bwrap.path ? `${report.bwrap.path} (${report.bwrap.version ?? '?'})` : 'not found on PATH',
    ],
    [
      'user namespaces',
      userns.usable === null ? 'not checked' : yes(userns.usable, userns.usable ? 'usable' : 'not usable'),
    ],
    ['running as root', report.running_as_root ? 'yes' : 'no'],
    ['cgroups', `${report.cgroup} (not used: limits are rlimits)`],
    ['cpu limit', report.limits.cpu],
    ['memory limit', report.limits.memory],
  ];
  let text = renderTable(['CHECK', 'RESULT'], rows);
  if (report.problem) text += `\n${paint(ctx.mode, 'red', 'problem')}: ${report.problem}\n`;
  if (report.hint) text += `${paint(ctx.mode, 'dim', `hint: ${report.hint}`)}\n`;
  return text;
}

export async function doctorCommand(ctx: CommandContext): Promise<CommandResult> {
  const { probeIsolation } = await import('../../isolation/probe.ts');
  const isolation = probeIsolation(ctx.io.env);
  return { data: { isolation }, text: renderIsolation(ctx, isolation) };
}

export function registerDoctor(program: Command, run: RunAction): void {
  program
    .command('doctor')
    .description('report what isolation this machine offers (bubblewrap, user namespaces, limits)')
    .addHelpText('after', examples(['buttons doctor', 'buttons doctor --json']))
    .action(() => run((ctx) => doctorCommand(ctx)));
}
