/** A readable account of a sandbox for `press --dry-run`: what the script sees, may write, and runs with. */
import { MEMORY_ENV } from './limits.ts';
import type { SandboxCommand } from './sandbox-command.ts';

export function describeSandbox(sandbox: SandboxCommand): Record<string, unknown> {
  const paths = (kind: string) => sandbox.mounts.filter((m) => m.kind === kind).map((m) => m.path);
  return {
    tool: 'bubblewrap',
    bwrap: sandbox.command.program,
    network: sandbox.shareNet ? 'host (every address, loopback included)' : 'none',
    hidden: paths('hide'),
    private_tmp: paths('scratch'),
    read_only: paths('ro'),
    writable: paths('rw'),
    cwd: sandbox.cwd,
    env: Object.keys(sandbox.command.env).sort(),
    limits: {
      cpu_seconds: sandbox.limits.cpuSeconds,
      memory_mb: sandbox.limits.memoryMb === 0 ? `none (${MEMORY_ENV}=0)` : sandbox.limits.memoryMb,
    },
  };
}
