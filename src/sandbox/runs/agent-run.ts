/**
 * One agent of a run: its own isolate, its own checker (its grants), the run's shared trace, revocations,
 * output and memory. The top-level program is the agent `main`; spawned children run through here too.
 */
import type { Resolver } from '../../net/resolver.ts';
import type { Trace } from '../audit/trace.ts';
import { coreOps } from '../engine/core-ops.ts';
import type { StripTypes } from '../engine/module-loader.ts';
import { type ModuleScope, moduleReader } from '../engine/module-policy.ts';
import type { SessionOutcome } from '../engine/outcome.ts';
import { type OpTable, runSession } from '../engine/session.ts';
import { Checker } from '../grants/checker.ts';
import type { ResolvedGrants } from '../grants/resolve-grants.ts';
import type { RevocationState } from '../grants/revocations.ts';
import { basicOps } from '../ops/basic-ops.ts';
import { envOps } from '../ops/env-ops.ts';
import { fsOps } from '../ops/fs-ops.ts';
import { memoryOps } from '../ops/memory-ops.ts';
import { netOps } from '../ops/net-ops.ts';
import { runOps } from '../ops/run-ops.ts';
import { semaphore } from '../ops/semaphore.ts';
import { type ButtonTools, toolsOps } from '../ops/tools-ops.ts';
import { traceOps } from '../ops/trace-ops.ts';
import type { MemoryStore } from '../state/memory-store.ts';

export interface ProgramLimits {
  timeoutMs: number;
  memoryMib: number;
  maxTimers: number;
  maxPendingOps: number;
}

export const DEFAULT_LIMITS: ProgramLimits = {
  timeoutMs: 60_000,
  memoryMib: 128,
  maxTimers: 1000,
  maxPendingOps: 5000,
};

/** What all agents of one run share. */
export interface RunContext {
  runId: string;
  trace: Trace;
  revocations: RevocationState;
  write(stream: 'stdout' | 'stderr', text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Env values a button's program always sees (its args and batteries). */
  implicitEnv: ReadonlyMap<string, string>;
  args: Record<string, string>;
  scope: ModuleScope;
  memory: () => MemoryStore;
  buttons: ButtonTools | undefined;
  resolver?: Resolver | undefined;
  /** TypeScript to JavaScript (cached per data directory). */
  stripTypes?: StripTypes | undefined;
  /** Ops for `buttons:agent`, given the agent they serve (absent: spawning is unavailable). */
  agentOps?: ((agent: AgentSpec, checker: Checker) => OpTable) | undefined;
}

export interface AgentSpec {
  agentId: string;
  parentId: string | null;
  entryPath: string;
  argv: string[];
  grants: ResolvedGrants;
  limits: ProgramLimits;
}

export function agentChecker(run: RunContext, agent: AgentSpec): Checker {
  return new Checker({
    grants: agent.grants,
    trace: run.trace,
    revocations: run.revocations,
    agent: agent.agentId,
    implicitEnv: (key) => run.implicitEnv.has(key),
    pathEnv: run.env.PATH,
  });
}

export function runAgent(
  run: RunContext,
  agent: AgentSpec,
  onEnd?: (outcome: SessionOutcome) => void,
  signal?: AbortSignal,
): Promise<SessionOutcome> {
  const checker = agentChecker(run, agent);
  const net = { checker, trace: run.trace, env: run.env, resolver: run.resolver, slots: semaphore(32) };
  const fs = fsOps({ checker, cwd: run.cwd });
  const ops: OpTable = {
    ...coreOps({ maxTimers: agent.limits.maxTimers, write: run.write }),
    ...basicOps,
    ...fs,
    ...envOps({ checker, env: run.env, implicit: run.implicitEnv }),
    ...runOps({ checker, cwd: run.cwd, env: run.env }),
    ...netOps(net),
    ...toolsOps({ checker, trace: run.trace, net, readFile: fs['fs.read']!, buttons: run.buttons }),
    ...traceOps(run.trace, agent.agentId),
    ...memoryOps(run.memory),
    ...(run.agentOps?.(agent, checker) ?? {}),
  };
  return runSession({
    entryPath: agent.entryPath,
    readModule: moduleReader(run.scope, checker),
    stripTypes: run.stripTypes,
    config: {
      argv: ['buttons', agent.entryPath, ...agent.argv],
      agentId: agent.agentId,
      parentId: agent.parentId,
      runId: run.runId,
      cwd: run.cwd,
      platform: process.platform,
      version: process.version,
      args: run.args,
    },
    ops,
    memoryMib: agent.limits.memoryMib,
    timeoutMs: agent.limits.timeoutMs,
    maxPendingOps: agent.limits.maxPendingOps,
    onEnd,
    signal,
  });
}
