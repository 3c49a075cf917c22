/**
 * Runs shell, bash, Python and Node buttons marked `sandbox: true` inside bubblewrap, through the same
 * process handling as unsandboxed scripts (bounded capture, timeout, whole-tree kill, records). Without a
 * working bubblewrap the press fails with SANDBOX_UNAVAILABLE and the script never runs.
 */
import { ErrorCode } from '../core/errors.ts';
import { fileCapture } from '../runners/output-capture.ts';
import type { Runner, RunOutcome } from '../runners/runner.ts';
import { planScript, runProcess } from '../runners/script-runner.ts';
import { sandboxFds } from './child-fds.ts';
import { CPU_LIMIT_EXIT, type SandboxLimits } from './limits.ts';
import { sandboxCommand } from './sandbox-command.ts';
import { describeSandbox } from './sandbox-summary.ts';
import { sandboxFailed } from './unavailable.ts';

function settle(outcome: RunOutcome, started: boolean, limits: SandboxLimits): RunOutcome {
  // Withdrawn before or while it ran: that is what happened, whatever bubblewrap had got to.
  if (outcome.error?.code === ErrorCode.CANCELLED) return outcome;
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
    // The launcher writes one byte to its fd 3 right before it becomes the script: captured like the
    // script's output, it tells a bubblewrap failure from a script failure once the press is over.
    const startSignal = fileCapture(request.dataRoot, 1);
    const childFds = sandboxFds(startSignal.stdio);
    try {
      const outcome = await runProcess(request, { ...sandbox.command, extraFds: childFds.fds });
      return settle(outcome, (await startSignal.finish()).text !== '', sandbox.limits);
    } finally {
      startSignal.release();
      childFds.release();
    }
  },
  plan(request) {
    const sandbox = sandboxCommand(request);
    return { ...planScript(request, sandbox.command), sandbox: describeSandbox(sandbox) };
  },
};
