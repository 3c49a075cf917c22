/** Stage 3: turn a validated press into a runner request, with a fresh run id and the secrets to redact. */

import type { ArgDecl } from '../core/arg-types.ts';
import { type ArgValues, secretArgValues } from '../core/arg-values.ts';
import { makeRedactor, type Redactor, secretSpellings } from '../core/redact.ts';
import { makeRunId } from '../core/run-id.ts';
import type { OutputSink, RunRequest } from '../runners/runner.ts';
import { randomHex } from '../store/random.ts';
import type { Workspace } from '../store/workspace.ts';
import type { Resolved } from './resolve.ts';
import type { ValidatedPress } from './validate.ts';

export interface PlanContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  onOutput?: OutputSink | undefined;
  signal?: AbortSignal | undefined;
}

/** What a press must never show or store: battery values and secret args, in every encoded spelling. */
export function pressRedactor(
  decls: readonly ArgDecl[],
  args: ArgValues,
  batteries: ReadonlyMap<string, string>,
): Redactor {
  return makeRedactor([...batteries.values(), ...secretArgValues(decls, args)].flatMap(secretSpellings));
}

export function planPress(
  ws: Workspace,
  resolved: Resolved,
  valid: ValidatedPress,
  ctx: PlanContext,
): RunRequest {
  const { spec, settings, batteries } = resolved;
  return {
    spec,
    runId: makeRunId(ctx.now, randomHex(6)),
    buttonDir: ws.buttonDir(spec.name),
    dataRoot: ws.root,
    args: valid.args,
    batteries,
    timeoutMs: valid.timeoutMs,
    graceMs: settings['timeout.grace_seconds'] * 1000,
    maxOutputBytes: settings['output.max_bytes'],
    redactor: pressRedactor(spec.args, valid.args, batteries),
    cwd: ctx.cwd,
    baseEnv: ctx.env,
    onOutput: ctx.onOutput,
    signal: ctx.signal,
  };
}
