/**
 * `buttons:tools` on the host: the built-in tools (`bua_read_file`, `bua_http_get`, checked by the same
 * fs and net grants as direct access) and every button the program may press. Calls and results —
 * errors included — go to the audit trace.
 */
import type { Trace } from '../audit/trace.ts';
import { guestError } from '../engine/replies.ts';
import type { OpHandler, OpTable, SessionControl } from '../engine/session.ts';
import type { Checker } from '../grants/checker.ts';
import { type NetOpsContext, sandboxFetch } from './fetch-hops.ts';
import { record, stringArg } from './op-args.ts';

export interface ToolInfo {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

/** The buttons a program can press as tools (the press pipeline, at the edge). */
export interface ButtonTools {
  describe(names: readonly string[] | 'all'): Promise<ToolInfo[]>;
  press(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
}

export const BUILTIN_TOOLS: readonly ToolInfo[] = [
  {
    name: 'bua_read_file',
    description: 'Read a UTF-8 text file (needs --allow-fs read access to it).',
    input_schema: {
      type: 'object',
      properties: { path: { type: 'string' } },
      required: ['path'],
      additionalProperties: false,
    },
  },
  {
    name: 'bua_http_get',
    description: 'GET a URL (needs --allow-net for its host).',
    input_schema: {
      type: 'object',
      properties: {
        url: { type: 'string' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['url'],
      additionalProperties: false,
    },
  },
];

export interface ToolsOpsContext {
  checker: Checker;
  trace: Trace;
  net: NetOpsContext;
  readFile: OpHandler;
  buttons: ButtonTools | undefined;
}

function builtin(
  ctx: ToolsOpsContext,
  name: string,
  args: Record<string, unknown>,
  session: SessionControl,
): Promise<unknown> | undefined {
  if (name === 'bua_read_file') {
    const content = ctx.readFile({ path: stringArg(args, 'path'), binary: false }, session) as string;
    return Promise.resolve({ content, bytes: Buffer.byteLength(content) });
  }
  if (name === 'bua_http_get') {
    const headers = Object.fromEntries(Object.entries(record(args.headers)).map(([k, v]) => [k, String(v)]));
    return sandboxFetch(
      ctx.net,
      { url: stringArg(args, 'url'), method: 'GET', headers, body: undefined, redirect: 'follow' },
      session.signal,
    ).then((reply) => ({ status: reply.status, body: Buffer.from(reply.body).toString('utf8') }));
  }
  return undefined;
}

export function toolsOps(ctx: ToolsOpsContext): OpTable {
  const pressable = (): readonly string[] | 'all' =>
    ctx.checker.grants.all ? 'all' : ctx.checker.grants.press;
  const list = async () => [...BUILTIN_TOOLS, ...((await ctx.buttons?.describe(pressable())) ?? [])];
  return {
    'tools.list'() {
      return list();
    },
    'tools.has'(payload) {
      const name = stringArg(payload, 'name');
      return list().then((tools) => tools.some((tool) => tool.name === name));
    },
    'tools.call'(payload, session) {
      const name = stringArg(payload, 'name');
      const args = record(record(payload).args);
      const agent = ctx.checker.agent;
      ctx.trace.write({ type: 'tool_call', agent, name, args });
      const finish = (promise: Promise<unknown>) =>
        promise.then(
          (result) => {
            ctx.trace.write({ type: 'tool_result', agent, name, ok: true });
            return result;
          },
          (error: unknown) => {
            ctx.trace.write({
              type: 'tool_result',
              agent,
              name,
              ok: false,
              error: String((error as Error)?.message ?? error),
            });
            throw error;
          },
        );
      try {
        const own = builtin(ctx, name, args, session);
        if (own) return finish(own);
        // Permission first: a denial must not tell whether such a button exists.
        if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) ctx.checker.press(name);
        if (!ctx.buttons || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) {
          throw guestError('Error', `no tool named ${JSON.stringify(name)}`, 'NOT_FOUND');
        }
        return finish(ctx.buttons.press(name, args, session.signal));
      } catch (error) {
        return finish(Promise.reject(error));
      }
    },
  };
}
