/**
 * The Runner for sandboxed JS/TS buttons: in this process where isolates may run here (see
 * snapshot-policy.ts), else in a short-lived worker process started with --no-node-snapshot.
 */
import { emptyGrants } from '../../core/grants.ts';
import { ENTRY_FILES } from '../../core/spec.ts';
import type { Runner } from '../../runners/runner.ts';
import { hostsIsolatesSafely } from '../process/snapshot-policy.ts';
import { DEFAULT_LIMITS } from './agent-run.ts';

export const sandboxRunner: Runner = {
  async run(request) {
    if (hostsIsolatesSafely()) return (await import('./button-run.ts')).runButtonInProcess(request);
    return (await import('../process/worker-client.ts')).runInWorker(request);
  },
  plan(request) {
    return {
      sandbox: 'isolate',
      runtime: request.spec.runtime,
      entry: ENTRY_FILES[request.spec.runtime],
      grants: request.spec.grants ?? emptyGrants(),
      timeout_seconds: request.timeoutMs / 1000,
      memory_mib: DEFAULT_LIMITS.memoryMib,
      args_as: 'buttons:env (BUTTONS_ARG_<NAME>, env.args())',
    };
  },
};
