/** Stage 3: turn a validated press into a runner request, with a fresh run id and the secrets to redact. */

import { secretArgValues } from '../core/arg-values.ts';
import { makeRedactor } from '../core/redact.ts';
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
}

export function planPress(
  ws: Workspace,
  resolved: Resolved,
  valid: ValidatedPress,
  ctx: PlanContext,
): RunRequest {
  const { spec, settings, batteries } = resolved;
  const secrets = [...batteries.values(), ...secretArgValues(spec.args, valid.args)];
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
    redactor: makeRedactor(secrets),
    cwd: ctx.cwd,
    baseEnv: ctx.env,
    onOutput: ctx.onOutput,
  };
}
