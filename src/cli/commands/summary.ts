/** `buttons summary` and `buttons delete`: orientation in one call, and removal. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { makeRedactor } from '../../core/redact.ts';
import { pressesUnderWay } from '../../press/unfinished.ts';
import { loadBatteries } from '../../store/batteries-store.ts';
import { deleteButton, listButtons } from '../../store/button-store.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { examples } from '../help.ts';
import { renderTable } from '../output.ts';

type Run = (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>;

export async function summaryCommand(ctx: CommandContext): Promise<CommandResult> {
  const ws = ctx.workspace();
  const batteries = await loadBatteries(ws);
  const listed = await listButtons(ws);
  const state = ws.state();
  const buttons = listed.flatMap((b) => {
    if (!b.ok) return [];
    const last = state.lastRuns('button', b.spec.name, 1)[0];
    return [
      {
        name: b.spec.name,
        runtime: b.spec.runtime,
        description: b.spec.description ?? '',
        args: b.spec.args.map((a) => `${a.name}:${a.type}${a.required ? '' : '?'}`),
        last_status: last?.status ?? null,
      },
    ];
  });
  const invalid = listed.flatMap((b) =>
    b.ok ? [] : [{ name: b.name, path: b.path, error: b.error.toJSON() }],
  );
  const data = makeRedactor([...batteries.values()].map((b) => b.value)).deep({
    data_dir: ws.root,
    data_dir_source: ws.dirs.source,
    counts: {
      buttons: buttons.length,
      invalid: invalid.length,
      drawers: 0,
      triggers: 0,
      batteries: batteries.size,
      runs: state.countRuns(),
    },
    buttons,
    invalid,
    drawers: [],
    triggers: [],
    recent_failures: state.recentFailures(5),
    running: pressesUnderWay(ws),
    batteries: [...batteries.values()].map((b) => ({ key: b.key, scope: b.scope })),
  });
  const c = data.counts;
  let text = `data dir: ${data.data_dir} (${data.data_dir_source})\n`;
  text += `${c.buttons} buttons, ${c.invalid} invalid, ${c.batteries} batteries, ${c.runs.total} runs (${c.runs.failed} failed)\n`;
  if (buttons.length > 0)
    text += `\n${renderTable(
      ['BUTTON', 'RUNTIME', 'ARGS', 'LAST'],
      data.buttons.map((b) => [b.name, b.runtime, b.args.join(' ') || '-', b.last_status ?? '-']),
    )}`;
  for (const bad of data.invalid) text += `invalid: ${bad.path}: ${bad.error.message}\n`;
  if (data.running.length > 0) {
    text += `\nrunning now:\n${renderTable(
      ['RUN', 'BUTTON', 'STARTED', 'PID'],
      data.running.map((r) => [
        r.run_id,
        r.button,
        r.started_at,
        r.elsewhere ? `${r.pid} (elsewhere)` : String(r.pid),
      ]),
    )}`;
  }
  if (data.recent_failures.length > 0) {
    text += `\nrecent failures:\n${renderTable(
      ['RUN', 'BUTTON', 'ERROR'],
      data.recent_failures.map((r) => [r.run_id, r.name, r.error_type ?? r.status]),
    )}`;
  }
  return { data, text };
}

export async function deleteCommand(
  ctx: CommandContext,
  name: string,
  flags: { force?: boolean },
): Promise<CommandResult> {
  const ws = ctx.workspace();
  // The folder, not the spec, decides: a button with a broken or missing spec can still be deleted.
  if (!existsSync(ws.buttonDir(name)))
    throw new ButtonsError(ErrorCode.NOT_FOUND, `button "${name}" not found`);
  if (!flags.force && ctx.io.stdinIsTTY) {
    const yes = await ctx.io.confirm(`Delete button "${name}" and all its runs? [y/N] `);
    if (!yes) throw new ButtonsError(ErrorCode.CANCELLED, 'not deleted', 'Pass -F to delete without asking.');
  }
  deleteButton(ws, name);
  ws.state().forgetRuns('button', name);
  return { data: { deleted: name }, text: `Deleted button "${name}".\n` };
}

export function registerSummary(program: Command, run: Run): void {
  program
    .command('summary')
    .description(
      'one-call orientation: counts, buttons, recent failures, presses under way, batteries (keys only)',
    )
    .addHelpText('after', examples(['buttons summary', 'buttons summary --json']))
    .action(() => run((ctx) => summaryCommand(ctx)));
  program
    .command('delete')
    .alias('rm')
    .description('delete a button and its history (asks first in a terminal)')
    .argument('<name>')
    .option('-F, --force', 'do not ask')
    .addHelpText('after', examples(['buttons delete greet', 'buttons rm greet -F']))
    .action((name: string, flags: { force?: boolean }) => run((ctx) => deleteCommand(ctx, name, flags)));
}
