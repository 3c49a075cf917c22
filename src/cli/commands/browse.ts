/** Read-only views: list, inspect, history, logs. */
import type { Command } from 'commander';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { makeRedactor } from '../../core/redact.ts';
import type { RunIndexRow, RunRecord } from '../../core/run-record.ts';
import { loadBatteries } from '../../store/batteries-store.ts';
import { entryPath, listButtons, readPrompt, readSpec } from '../../store/button-store.ts';
import { lastRuns, latestRecord, readRecord } from '../../store/history-store.ts';
import type { Workspace } from '../../store/workspace.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { examples, positiveInt } from '../help.ts';
import { renderTable } from '../output.ts';
import { describeSpec } from '../show-spec.ts';

type Run = (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>;

/** Battery values must never show, even if someone pasted one into a spec or a description. */
async function batteryRedactor(ws: Workspace) {
  return makeRedactor([...(await loadBatteries(ws)).values()].map((b) => b.value));
}

export async function listCommand(ctx: CommandContext): Promise<CommandResult> {
  const ws = ctx.workspace();
  const redactor = await batteryRedactor(ws);
  const listed = await listButtons(ws);
  const buttons = listed.flatMap((b) =>
    b.ok
      ? [
          {
            name: b.spec.name,
            runtime: b.spec.runtime,
            description: b.spec.description ?? '',
            args: b.spec.args.map((a) => a.name),
            sandbox: Boolean(b.spec.sandbox || b.spec.grants),
          },
        ]
      : [],
  );
  const invalid = listed.flatMap((b) =>
    b.ok ? [] : [{ name: b.name, path: b.path, error: b.error.toJSON() }],
  );
  const data = redactor.deep({ buttons, invalid });
  let text =
    buttons.length === 0 && invalid.length === 0
      ? "No buttons yet. Create one: buttons create NAME --code 'echo hi'\n"
      : '';
  if (buttons.length > 0)
    text += renderTable(
      ['NAME', 'RUNTIME', 'ARGS', 'DESCRIPTION'],
      data.buttons.map((b) => [b.name, b.runtime, b.args.join(',') || '-', b.description]),
    );
  for (const bad of data.invalid) text += `invalid: ${bad.path}: ${bad.error.code}: ${bad.error.message}\n`;
  return { data, text };
}

function rowsTable(rows: readonly RunIndexRow[]): string {
  if (rows.length === 0) return 'No runs yet.\n';
  return renderTable(
    ['RUN', 'BUTTON', 'STATUS', 'EXIT', 'MS', 'STARTED'],
    rows.map((r) => [
      r.run_id,
      r.name,
      r.status === 'ok' ? 'ok' : `${r.status} ${r.error_type ?? ''}`.trim(),
      r.exit_code === null ? '-' : String(r.exit_code),
      String(r.duration_ms),
      r.started_at,
    ]),
  );
}

export async function inspectCommand(ctx: CommandContext, name: string): Promise<CommandResult> {
  const ws = ctx.workspace();
  const spec = await readSpec(ws, name);
  const runs = lastRuns(ws, name, 5);
  const prompt = spec.has_prompt ? readPrompt(ws, name) : undefined;
  const data = (await batteryRedactor(ws)).deep({
    spec: describeSpec(spec),
    entry: entryPath(ws, spec),
    prompt,
    last_runs: runs,
  });
  const argLines = spec.args.map(
    (a) =>
      `  ${a.name}: ${a.type}${a.values ? ` (${a.values.join('|')})` : ''}${a.required ? ', required' : ''}`,
  );
  const text = [
    `${spec.name} (${spec.runtime})${spec.description ? ` — ${spec.description}` : ''}`,
    `timeout: ${spec.timeout_seconds}s`,
    spec.url ? `url: ${spec.method ?? 'GET'} ${spec.url}` : undefined,
    data.entry ? `entry: ${data.entry}` : undefined,
    argLines.length > 0 ? `args:\n${argLines.join('\n')}` : 'args: none',
    spec.grants ? `grants: ${JSON.stringify(spec.grants)}` : undefined,
    prompt ? `prompt:\n${data.prompt}` : undefined,
    `last runs:\n${rowsTable(runs).trimEnd()}`,
  ]
    .filter((l) => l !== undefined)
    .join('\n');
  return { data, text: `${text}\n` };
}

export async function historyCommand(
  ctx: CommandContext,
  name: string | undefined,
  flags: { last?: string },
): Promise<CommandResult> {
  const ws = ctx.workspace();
  if (name !== undefined) await readSpec(ws, name);
  const runs = lastRuns(ws, name, positiveInt('--last', flags.last, 20));
  return { data: { runs }, text: rowsTable(runs) };
}

function renderLog(record: RunRecord): string {
  const head = `run ${record.run_id} of ${record.button_name}: ${record.status}${record.error_type ? ` (${record.error_type})` : ''}, exit ${record.exit_code ?? '-'}, ${record.duration_ms} ms, started ${record.started_at}`;
  const parts = [head];
  if (Object.keys(record.args).length > 0) parts.push(`args: ${JSON.stringify(record.args)}`);
  parts.push(`--- stdout${record.truncated.stdout ? ' (truncated)' : ''} ---`, record.stdout.trimEnd());
  parts.push(`--- stderr${record.truncated.stderr ? ' (truncated)' : ''} ---`, record.stderr.trimEnd());
  if (record.error) parts.push(`error: ${record.error.code}: ${record.error.message}`);
  return `${parts.join('\n')}\n`;
}

export async function logsCommand(
  ctx: CommandContext,
  name: string,
  runId: string | undefined,
): Promise<CommandResult> {
  const ws = ctx.workspace();
  await readSpec(ws, name);
  const record = runId === undefined ? latestRecord(ws, name) : readRecord(ws, name, runId);
  if (record.button_name !== name)
    throw new ButtonsError(ErrorCode.NOT_FOUND, `run ${runId} is not a run of "${name}"`);
  // Sandboxed runs keep an audit trace beside the record.
  const { runTrace, renderTrace } = await import('../../sandbox/audit/run-trace.ts');
  const trace = runTrace(ws.pressedDir(name), record);
  if (trace) return { data: { ...record, trace }, text: renderLog(record) + renderTrace(trace) };
  return { data: record, text: renderLog(record) };
}

export function registerBrowse(program: Command, run: Run): void {
  program
    .command('list')
    .alias('ls')
    .description('list buttons (a broken spec is reported, the rest still listed)')
    .addHelpText('after', examples(['buttons list', 'buttons list --json']))
    .action(() => run((ctx) => listCommand(ctx)));
  program
    .command('inspect')
    .description('show one button: spec, args, prompt, last runs (also: buttons NAME)')
    .argument('<name>')
    .addHelpText('after', examples(['buttons inspect greet', 'buttons greet --json']))
    .action((name: string) => run((ctx) => inspectCommand(ctx, name)));
  program
    .command('history')
    .description('recent runs, newest first')
    .argument('[name]', 'only this button')
    .option('--last <n>', 'how many runs (default 20)')
    .addHelpText('after', examples(['buttons history', 'buttons history greet --last 5 --json']))
    .action((name: string | undefined, flags: { last?: string }) =>
      run((ctx) => historyCommand(ctx, name, flags)),
    );
  program
    .command('logs')
    .description("one run's full record and output (default: the latest)")
    .argument('<name>')
    .argument('[run]', 'a run id from `buttons history`')
    .addHelpText(
      'after',
      examples(['buttons logs greet', 'buttons logs greet 20261122T101500123Z-0a1b2c3d4e5f']),
    )
    .action((name: string, runId: string | undefined) => run((ctx) => logsCommand(ctx, name, runId)));
}
