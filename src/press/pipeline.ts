/** The press pipeline: resolve → validate → plan → run → record. One result shape for every outcome. */
import { ButtonsError, ErrorCode, type ErrorData } from '../core/errors.ts';
import type { RunRecord } from '../core/run-record.ts';
import { runnerFor } from '../runners/registry.ts';
import { cancelledError, type DryRunPlan, type OutputSink } from '../runners/runner.ts';
import { saveRecord } from '../store/history-store.ts';
import type { Workspace } from '../store/workspace.ts';
import { planPress } from './plan.ts';
import { buildRecord, shownArgs } from './record.ts';
import { resolveButton } from './resolve.ts';
import { markUnfinished } from './unfinished.ts';
import { validatePress } from './validate.ts';

export interface PressOptions {
  args: Record<string, string>;
  timeoutSeconds?: number | undefined;
  dryRun?: boolean | undefined;
  onOutput?: OutputSink | undefined;
  /** Withdraws the press: a running script's whole tree is ended and the run recorded as CANCELLED. */
  signal?: AbortSignal | undefined;
  cwd?: string | undefined;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  clock?: () => Date;
}

export type PressResult =
  | { kind: 'run'; ok: boolean; record: RunRecord; error?: ErrorData | undefined }
  | {
      kind: 'dry-run';
      ok: true;
      button: string;
      runtime: string;
      args: Record<string, string>;
      plan: DryRunPlan;
      prompt?: string | undefined;
    };

/** Refusals (unknown button, bad args) throw ButtonsError before anything runs; runs always return. */
export async function press(ws: Workspace, name: string, options: PressOptions): Promise<PressResult> {
  const clock = options.clock ?? (() => new Date());
  const resolved = await resolveButton(ws, name);
  const valid = validatePress(resolved.spec, options.args, options.timeoutSeconds);
  const request = planPress(ws, resolved, valid, {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    now: clock(),
    onOutput: options.onOutput,
    signal: options.signal,
  });
  const runner = await runnerFor(resolved.spec);

  if (options.dryRun) {
    return request.redactor.deep({
      kind: 'dry-run' as const,
      ok: true as const,
      button: name,
      runtime: resolved.spec.runtime,
      args: shownArgs(request),
      plan: runner.plan(request),
      prompt: resolved.prompt,
    });
  }

  // Withdrawn before it started: nothing ran, so nothing is recorded.
  if (options.signal?.aborted)
    throw new ButtonsError(ErrorCode.CANCELLED, cancelledError(options.signal).message);
  const startedAt = clock();
  // Noted as under way, before anything starts, until its record is saved: if this process dies first,
  // the next command ends what the press started and records it (unfinished.ts).
  const finished = markUnfinished(ws, request, startedAt);
  try {
    const running = runner.run(request);
    // The runner has started the button (a script is spawned by now): open the run index meanwhile, so
    // SQLite's start-up overlaps the script instead of following it. A failure here shows in saveRecord.
    try {
      ws.state();
    } catch {
      // saveRecord opens it again and reports why it cannot.
    }
    const outcome = await running;
    const record = buildRecord(request, outcome, startedAt, clock(), resolved.prompt);
    saveRecord(ws, record, resolved.settings['history.keep']);
    return { kind: 'run', ok: record.status === 'ok', record, error: record.error };
  } finally {
    finished();
  }
}
