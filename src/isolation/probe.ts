/** What OS isolation this machine offers, found by trying it (for `buttons doctor`). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findProgram } from '../runners/find-program.ts';
import { bwrapArgs } from './bwrap-args.ts';
import { CPU_ENV, DEFAULT_MEMORY_MB, MEMORY_ENV } from './limits.ts';
import type { Mount } from './mount-plan.ts';
import { bwrapComplaint, INSTALL_HINT, sandboxFailed } from './unavailable.ts';

const PROBE_MOUNTS: Mount[] = [
  { kind: 'scratch', path: '/tmp' },
  { kind: 'hide', path: '/tmp/hidden' },
  { kind: 'ro', path: '/tmp/hidden/etc', source: '/etc' },
];

export interface IsolationReport {
  /** A sandboxed script button can be pressed here. */
  available: boolean;
  bwrap: { path: string | null; version: string | null };
  user_namespaces: {
    /** bubblewrap could create a user namespace (what it needs when not run as root). */
    usable: boolean | null;
    max_user_namespaces: number | null;
    unprivileged_userns_clone: number | null;
    apparmor_restrict_unprivileged_userns: number | null;
  };
  running_as_root: boolean;
  cgroup: 'v2' | 'v1' | 'none';
  limits: { cpu: string; memory: string };
  problem: string | null;
  hint: string | null;
}

function sysctl(path: string): number | null {
  try {
    return Number(readFileSync(`/proc/sys/${path}`, 'utf8').trim());
  } catch {
    return null;
  }
}

function tryBwrap(bwrap: string, args: readonly string[]): { ok: boolean; stderr: string } {
  const result = spawnSync(bwrap, args, {
    encoding: 'utf8',
    timeout: 10_000,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { ok: result.status === 0, stderr: result.stderr ?? String(result.error ?? '') };
}

function tryVersion(bwrap: string): string {
  return spawnSync(bwrap, ['--version'], { encoding: 'utf8', timeout: 5000 }).stdout ?? '';
}

function cgroupVersion(): IsolationReport['cgroup'] {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) return 'v2';
  return existsSync('/sys/fs/cgroup/memory') ? 'v1' : 'none';
}

export function probeIsolation(env: Readonly<Record<string, string | undefined>>): IsolationReport {
  const path = findProgram('bwrap', env.PATH) ?? null;
  const version = path ? (/([\d.]+)/.exec(tryVersion(path))?.[1] ?? null) : null;
  // The same namespaces and kinds of mounts a press uses, around a command that does nothing.
  const layout = { mounts: PROBE_MOUNTS, shareNet: false, cwd: '/' };
  const press = path ? tryBwrap(path, bwrapArgs(layout, ['/bin/sh', '-c', ':'])) : undefined;
  const userns = path
    ? tryBwrap(path, ['--unshare-user', '--ro-bind', '/', '/', '--', '/bin/sh', '-c', ':'])
    : undefined;
  const failure = press && !press.ok ? sandboxFailed(press.stderr) : undefined;
  return {
    available: press?.ok === true,
    bwrap: { path, version },
    user_namespaces: {
      usable: userns ? userns.ok : null,
      max_user_namespaces: sysctl('user/max_user_namespaces'),
      unprivileged_userns_clone: sysctl('kernel/unprivileged_userns_clone'),
      apparmor_restrict_unprivileged_userns: sysctl('kernel/apparmor_restrict_unprivileged_userns'),
    },
    running_as_root: process.getuid?.() === 0,
    cgroup: cgroupVersion(),
    limits: {
      cpu: `RLIMIT_CPU per process: the press timeout, or ${CPU_ENV} seconds`,
      memory: `RLIMIT_DATA per process: ${env[MEMORY_ENV] || DEFAULT_MEMORY_MB} MiB (${MEMORY_ENV}; 0 for none)`,
    },
    problem: path
      ? failure
        ? bwrapComplaint(press?.stderr ?? '')
        : null
      : 'bubblewrap (bwrap) is not on PATH',
    hint: path ? (failure?.hint ?? null) : INSTALL_HINT,
  };
}
