/**
 * Runs shell, bash, Python and Node buttons marked `sandbox: true` inside bubblewrap, through the same
 * process handling as unsandboxed scripts (bounded capture, timeout, whole-tree kill, records). Without a
 * working bubblewrap the press fails with SANDBOX_UNAVAILABLE and the script never runs.
 */
import { ErrorCode } from '../core/errors.ts';
import type { Runner, RunOutcome } from '../runners/runner.ts';
import { planScript, runProcess } from '../runners/script-runner.ts';
import { sandboxFds } from './child-fds.ts';
import { CPU_LIMIT_EXIT, type SandboxLimits } from './limits.ts';
import { sandboxCommand } from './sandbox-command.ts';
import { describeSandbox } from './sandbox-summary.ts';
import { startSignal } from './start-signal.ts';
import { sandboxFailed } from './unavailable.ts';

function settle(outcome: RunOutcome, started: boolean, limits: SandboxLimits): RunOutcome {
  // bubblewrap failed before the launcher ran: nothing of the button ran, so this is not a script error.
  if (!started) throw sandboxFailed(outcome.stderr);
  if (outcome.status === 'error' && outcome.exitCode === CPU_LIMIT_EXIT) {
    const message = `the script used its ${limits.cpuSeconds} s of CPU time and was stopped (SIGXCPU)`;
    return { ...outcome, error: { code: ErrorCode.LIMIT_EXCEEDED, message } };
  }
  return outcome;
}

export const isolatedRunner: Runner = {
  async run(request) {
    const sandbox = sandboxCommand(request);
    const signal = startSignal(request.dataRoot);
    const childFds = sandboxFds(signal.fd);
    try {
      const outcome = await runProcess(request, { ...sandbox.command, extraFds: childFds.fds });
      return settle(outcome, signal.started(), sandbox.limits);
    } finally {
      signal.release();
      childFds.release();
    }
  },
  plan(request) {
    const sandbox = sandboxCommand(request);
    return { ...planScript(request, sandbox.command), sandbox: describeSandbox(sandbox) };
  },
};
