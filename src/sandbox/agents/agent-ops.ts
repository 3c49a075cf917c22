/**
 * `buttons:agent` on the host. A spawn is one audited `spawn` check: the child's grants must be
 * subsumed by its parent's, else PermissionError. Children run in their own isolates, at most a few at
 * a time, within the parent's time; they end when their parent does. Only results and messages return.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { ButtonsError } from '../../core/errors.ts';
import { parseGrants } from '../../core/grants.ts';
import { endRecords } from '../audit/trace-records.ts';
import { guestError } from '../engine/replies.ts';
import type { OpTable } from '../engine/session.ts';
import type { Checker } from '../grants/checker.ts';
import { resolveGrants } from '../grants/resolve-grants.ts';
import { record, stringArg } from '../ops/op-args.ts';
import { type AgentSpec, type RunContext, runAgent } from '../runs/agent-run.ts';
import { grantInputs, resultOf } from './child-io.ts';
import { Mailbox } from './mailbox.ts';
import { uncoveredGrants } from './subsume.ts';

export const AGENT_LIMITS = { running: 4, total: 64, depth: 4 } as const;

interface Child {
  parent: string;
  result: Promise<unknown>;
  stop: AbortController;
}

/** Builds the agent ops of a run; the returned function gives each agent its own view. */
export function agentOpsFor(run: RunContext): (agent: AgentSpec, checker: Checker) => OpTable {
  const mailbox = new Mailbox();
  const children = new Map<string, Child>();
  const outputs = new Map<string, unknown>();
  const inputs = new Map<string, unknown>();
  let running = 0;
  const queue: (() => void)[] = [];
  const slot = () =>
    running < AGENT_LIMITS.running ? Promise.resolve() : new Promise<void>((r) => queue.push(r));
  const release = () => {
    running--;
    queue.shift()?.();
  };

  return (agent, checker) => {
    let spawned = 0;
    const stopChildren = new AbortController();
    return {
      'agent.start'(payload, session) {
        const p = record(payload);
        const entrypoint = stringArg(payload, 'entrypoint');
        const depth = agent.agentId.split('.').length;
        if (children.size >= AGENT_LIMITS.total || depth > AGENT_LIMITS.depth) {
          throw guestError(
            'RangeError',
            `agent limit reached (${AGENT_LIMITS.total} per run, ${AGENT_LIMITS.depth} levels deep)`,
          );
        }
        let grants: ReturnType<typeof parseGrants>;
        try {
          grants = parseGrants(grantInputs(p), run.cwd);
        } catch (error) {
          throw guestError('TypeError', `spawn: ${(error as ButtonsError).message}`);
        }
        const missing = uncoveredGrants(grants, agent.grants, run.env.PATH);
        const entryPath = isAbsolute(entrypoint) ? entrypoint : join(dirname(agent.entryPath), entrypoint);
        checker.record(
          'spawn',
          entrypoint,
          missing.length === 0,
          missing.length ? `asks for more than its parent holds: ${missing.join(' ')}` : undefined,
        );
        const id = `${agent.agentId}.${++spawned}`;
        const remaining = session.remainingMs();
        const seconds = typeof p.timeout === 'number' && p.timeout > 0 ? p.timeout : Infinity;
        const child: AgentSpec = {
          agentId: id,
          parentId: agent.agentId,
          entryPath,
          argv: Array.isArray(p.args) ? p.args.map(String) : [],
          grants: resolveGrants(grants, run.env.PATH),
          limits: {
            ...agent.limits,
            timeoutMs: Math.max(1, Math.min(seconds * 1000, remaining)),
            memoryMib: Math.min(
              typeof p.memory === 'number' && p.memory >= 8 ? p.memory : agent.limits.memoryMib,
              agent.limits.memoryMib,
            ),
          },
        };
        inputs.set(id, p.input ?? null);
        run.trace.write({ type: 'spawn', agent: agent.agentId, child: id, entrypoint, grants });
        const stop = new AbortController();
        stopChildren.signal.addEventListener('abort', () => stop.abort('the parent agent ended'), {
          once: true,
        });
        const result = slot().then(async () => {
          running++;
          try {
            const started = Date.now();
            const outcome = await runAgent(run, child, undefined, stop.signal);
            for (const record of endRecords(outcome, id, Date.now() - started)) run.trace.write(record);
            return resultOf(id, outcome, outputs.get(id));
          } finally {
            mailbox.end(id);
            release();
          }
        });
        children.set(id, { parent: agent.agentId, result, stop });
        if (spawned === 1) {
          session.signal.addEventListener(
            'abort',
            () => {
              mailbox.end(agent.agentId);
              stopChildren.abort();
            },
            { once: true },
          );
        }
        return { id };
      },
      'agent.result'(payload) {
        const child = children.get(stringArg(payload, 'id'));
        if (!child || child.parent !== agent.agentId)
          throw guestError('Error', 'no such child agent', 'NOT_FOUND');
        return child.result;
      },
      'agent.send'(payload) {
        const to = stringArg(payload, 'to');
        const target = to === 'parent' ? agent.parentId : to;
        if (target === null || (to !== 'parent' && children.get(to)?.parent !== agent.agentId)) {
          throw guestError('Error', `no agent ${JSON.stringify(to)} to send to`, 'NOT_FOUND');
        }
        mailbox.send(agent.agentId, target, record(payload).message);
        return null;
      },
      'agent.receive'(payload) {
        const from = stringArg(payload, 'from');
        const source = from === 'parent' ? agent.parentId : from;
        if (source === null || (from !== 'parent' && children.get(from)?.parent !== agent.agentId)) {
          throw guestError('Error', `no agent ${JSON.stringify(from)} to receive from`, 'NOT_FOUND');
        }
        return mailbox.receive(source, agent.agentId);
      },
      'agent.output'(payload) {
        const json = JSON.stringify(record(payload).value ?? null);
        if (json.length > 1024 * 1024)
          throw guestError('RangeError', 'agent output is at most 1 MiB as JSON');
        outputs.set(agent.agentId, JSON.parse(json));
        return null;
      },
      'agent.input'() {
        return inputs.get(agent.agentId) ?? null;
      },
    };
  };
}
