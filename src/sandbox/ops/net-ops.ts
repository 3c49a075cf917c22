/** `fetch` on the host: the guest's request as plain data in, the answer as plain data out (body in base64). */
import type { OpTable } from '../engine/session.ts';
import { type NetOpsContext, sandboxFetch } from './fetch-hops.ts';
import { record } from './op-args.ts';

export function netOps(ctx: NetOpsContext): OpTable {
  return {
    async 'net.fetch'(payload, session) {
      const p = record(payload);
      const body = record(p.body);
      const headers: Record<string, string> = {};
      for (const pair of Array.isArray(p.headers) ? p.headers : []) {
        if (Array.isArray(pair) && pair.length === 2) headers[String(pair[0])] = String(pair[1]);
      }
      const reply = await sandboxFetch(
        ctx,
        {
          url: String(p.url ?? ''),
          method: String(p.method ?? 'GET'),
          headers,
          body:
            typeof body.base64 === 'string'
              ? Buffer.from(body.base64, 'base64')
              : typeof body.text === 'string'
                ? body.text
                : undefined,
          redirect: p.redirect === 'manual' || p.redirect === 'error' ? p.redirect : 'follow',
        },
        session.signal,
      );
      return { ...reply, body: Buffer.from(reply.body).toString('base64') };
    },
  };
}
