/**
 * `buttons:run` on the host: a granted program, an argument array, no shell. The child gets PATH, the
 * env keys the program was granted and the values it passes; it runs as the user (that is what
 * `--allow-run` grants) and its whole process tree ends with the call's timeout or the run.
 */
import { guestError } from '../engine/replies.ts';
import type { OpTable } from '../engine/session.ts';
import type { Checker } from '../grants/checker.ts';
import { envAllowed } from '../grants/env-rules.ts';
import { absolutePath, resolveReal } from '../grants/fs-paths.ts';
import { runChild } from './child-run.ts';
import { record, stringArg } from './op-args.ts';
import { semaphore } from './semaphore.ts';

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface RunOpsContext {
  checker: Checker;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

function childEnv(ctx: RunOpsContext, extra: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.env)) {
    if (
      value !== undefined &&
      (key === 'PATH' || ctx.checker.grants.all || envAllowed(ctx.checker.grants.env, key))
    )
      env[key] = value;
  }
  for (const [key, value] of Object.entries(record(extra))) {
    if (!ENV_KEY.test(key) || typeof value !== 'string' || value.includes('\0')) {
      throw guestError('TypeError', `exec: env.${key} must be a string without NUL`);
    }
    env[key] = value;
  }
  return env;
}

export function runOps(ctx: RunOpsContext): OpTable {
  // Processes are a host resource: an agent runs a few at a time, the rest wait their turn.
  const slot = semaphore(8);
  return {
    async 'run.exec'(payload, session) {
      const p = record(payload);
      const program = stringArg(payload, 'program');
      const args = Array.isArray(p.args) ? p.args.map(String) : [];
      if ([program, ...args].some((a) => a.includes('\0')))
        throw guestError('TypeError', 'exec: arguments may not contain NUL');
      const checked = ctx.checker.run(program);
      let cwd = ctx.cwd;
      if (typeof p.cwd === 'string') {
        cwd = resolveReal(absolutePath(ctx.cwd, p.cwd));
        ctx.checker.fs(cwd, 'r');
      }
      const env = childEnv(ctx, p.env);
      const requested = typeof p.timeout === 'number' && p.timeout > 0 ? p.timeout : Number.POSITIVE_INFINITY;
      const stdin = typeof p.stdin === 'string' ? p.stdin : undefined;
      return slot(() =>
        runChild(
          {
            path: checked.path,
            name: program,
            args,
            cwd,
            env,
            stdin,
            timeoutMs: Math.min(requested, session.remainingMs()),
          },
          session.signal,
        ),
      );
    },
  };
}
