/** `buttons:env` on the host: one audited check per read; the program sees only granted keys. */
import type { OpTable } from '../engine/session.ts';
import type { Checker } from '../grants/checker.ts';
import { stringArg } from './op-args.ts';

export interface EnvOpsContext {
  checker: Checker;
  env: Readonly<Record<string, string | undefined>>;
  /** Values the program always sees (a button's own args and batteries); they shadow `env`. */
  implicit: ReadonlyMap<string, string>;
}

export function envOps(ctx: EnvOpsContext): OpTable {
  const lookup = (key: string) =>
    ctx.implicit.has(key) ? ctx.implicit.get(key) : Object.hasOwn(ctx.env, key) ? ctx.env[key] : undefined;
  return {
    'env.get'(payload) {
      const key = stringArg(payload, 'key');
      ctx.checker.env(key);
      return lookup(key) ?? null;
    },
    'env.all'() {
      const allowed = ctx.checker.envList();
      const out: Record<string, string> = {};
      for (const key of new Set([...Object.keys(ctx.env), ...ctx.implicit.keys()])) {
        const value = lookup(key);
        if (value !== undefined && allowed(key)) out[key] = value;
      }
      return out;
    },
  };
}
