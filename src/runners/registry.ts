/** Picks the runner for a spec; runners other than plain scripts load lazily to keep cold presses fast. */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { type ButtonSpec, isScriptRuntime } from '../core/spec.ts';
import { promptRunner } from './prompt-runner.ts';
import type { Runner } from './runner.ts';
import { scriptRunner } from './script-runner.ts';

export async function runnerFor(spec: ButtonSpec): Promise<Runner> {
  if (isScriptRuntime(spec.runtime)) {
    if (spec.sandbox) return (await import('../isolation/isolated-runner.ts')).isolatedRunner;
    return scriptRunner;
  }
  switch (spec.runtime) {
    case 'prompt':
      return promptRunner;
    case 'http':
      return (await import('../net/http-runner.ts')).httpRunner;
    case 'js':
    case 'ts':
      return (await import('../sandbox/runs/button-runner.ts')).sandboxRunner;
    default:
      throw new ButtonsError(ErrorCode.INTERNAL, `no runner for runtime ${String(spec.runtime)}`);
  }
}
