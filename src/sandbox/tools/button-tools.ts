/**
 * Buttons as tools for sandboxed code: each with its args as a JSON Schema, pressed through the normal
 * press pipeline (validated, recorded in its own history). Presses from inside a sandbox nest at most
 * a few levels, so a button that presses itself ends instead of looping.
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import type { ArgDecl } from '../../core/arg-types.ts';
import { ButtonsError } from '../../core/errors.ts';
import type { ButtonSpec } from '../../core/spec.ts';
import { listButtons, readSpec } from '../../store/button-store.ts';
import type { Workspace } from '../../store/workspace.ts';
import { guestError } from '../engine/replies.ts';
import type { ButtonTools, ToolInfo } from '../ops/tools-ops.ts';

const MAX_DEPTH = 4;
let depth: AsyncLocalStorage<number> | undefined;

function argSchema(arg: ArgDecl): Record<string, unknown> {
  const base = arg.description ? { description: arg.description } : {};
  switch (arg.type) {
    case 'int':
      return { ...base, type: 'integer' };
    case 'bool':
      return { ...base, type: 'boolean' };
    case 'enum':
      return { ...base, type: 'string', enum: arg.values ?? [] };
    case 'secret':
      return { ...base, type: 'string', writeOnly: true };
    default:
      return { ...base, type: 'string' };
  }
}

export function toolOf(spec: ButtonSpec): ToolInfo {
  return {
    name: spec.name,
    description: spec.description ?? `Press the ${spec.runtime} button "${spec.name}".`,
    input_schema: {
      type: 'object',
      properties: Object.fromEntries(spec.args.map((a) => [a.name, argSchema(a)])),
      required: spec.args.filter((a) => a.required).map((a) => a.name),
      additionalProperties: false,
    },
  };
}

/** The buttons of a workspace as tools; `settled` waits for the presses a run left under way. */
export interface WorkspaceTools extends ButtonTools {
  /**
   * Resolves once every press started through these tools has ended and been recorded. A run that ends
   * withdraws the presses it was waiting on (their scripts are ended); its caller awaits this before
   * reporting, so nothing it started outlives the report.
   */
  settled(): Promise<void>;
}

export function workspaceTools(
  ws: Workspace,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): WorkspaceTools {
  const underWay = new Set<Promise<unknown>>();
  return {
    async settled() {
      await Promise.allSettled([...underWay]);
    },
    async describe(names) {
      if (names === 'all') return (await listButtons(ws)).flatMap((b) => (b.ok ? [toolOf(b.spec)] : []));
      const found: ToolInfo[] = [];
      for (const name of names) {
        try {
          found.push(toolOf(await readSpec(ws, name)));
        } catch {
          // A granted button that does not exist (or is broken) is simply not offered.
        }
      }
      return found;
    },
    async press(name, args, signal) {
      depth ??= new (process.getBuiltinModule('node:async_hooks').AsyncLocalStorage)<number>();
      const level = depth.getStore() ?? 0;
      if (level >= MAX_DEPTH)
        throw guestError('RangeError', `buttons pressed from sandboxes nest at most ${MAX_DEPTH} deep`);
      const values = Object.fromEntries(
        Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      );
      try {
        const { press } = await import('../../press/pipeline.ts');
        const pressing = depth!.run(level + 1, () => press(ws, name, { args: values, cwd, env, signal }));
        underWay.add(pressing);
        const result = await pressing.finally(() => underWay.delete(pressing));
        if (result.kind !== 'run') throw guestError('Error', 'unexpected dry run');
        const r = result.record;
        return {
          ok: result.ok,
          run_id: r.run_id,
          status: r.status,
          exit_code: r.exit_code ?? null,
          output: r.output ?? null,
          stdout: r.stdout,
          stderr: r.stderr,
          ...(r.error ? { error: r.error } : {}),
        };
      } catch (error) {
        if (error instanceof ButtonsError) throw guestError('Error', `${name}: ${error.message}`, error.code);
        throw error;
      }
    },
  };
}
